"""What a class does to saves: full disks, read-only folders, two games autosaving at once,
folders and foreign files named as saves. Each case: one clear message, nothing lost,
nothing overwritten, no traceback."""

from __future__ import annotations

import errno
import json
import os
import stat
import threading

import pytest

from game.cli import main
from game.core.errors import InterdictError
from game.core.orders import InstructorAction
from game.persistence import files
from game.persistence.autosave import Autosaver, autosaves_of
from game.persistence.files import WriteError, write_text_atomic
from game.persistence.games import game_meta, load_game, save_game

from .helpers import TUTORIAL, new_game, play


def fail_with(monkeypatch, code: int, where: str = "fsync") -> None:
    """Make the next atomic writes fail with `code` (after the temporary file was made, as a
    full disk does, or before it, as a read-only folder does)."""
    def boom(*_a, **_k):
        raise OSError(code, errno.errorcode.get(code, "error"))

    if where == "fsync":
        monkeypatch.setattr(files.os, "fsync", boom)
    else:
        monkeypatch.setattr(files.tempfile, "mkstemp", boom)


@pytest.mark.parametrize("code,where,what", [
    (errno.ENOSPC, "fsync", "the disk is full (or your quota is used up), so the previous "
                            "file is unchanged. Free some space or write to another folder"),
    (errno.EROFS, "mkstemp", "the folder {folder} is on a read-only disk, so the previous file "
                             "is unchanged. Write to another folder"),
    (errno.EACCES, "mkstemp", "you have no permission to write in {folder}, so the previous "
                              "file is unchanged. Write to another folder, or ask for write "
                              "access"),
])
def test_a_failed_write_keeps_the_previous_save_and_says_why(tmp_path, monkeypatch, code, where,
                                                             what):
    target = tmp_path / "class.json"
    save_game(play(TUTORIAL, seed=1, turns=2), target)
    before = target.read_bytes()
    fail_with(monkeypatch, code, where)
    with pytest.raises(WriteError) as info:
        save_game(play(TUTORIAL, seed=2, turns=3), target)
    assert str(info.value) == f"cannot write {target}: {what.format(folder=tmp_path)}."
    assert isinstance(info.value, OSError) and info.value.errno == code
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class.json"]  # no temporary left


def test_a_failed_first_write_says_no_file_was_written(tmp_path, monkeypatch):
    fail_with(monkeypatch, errno.ENOSPC)
    with pytest.raises(WriteError, match=r"so no file was written\. Free some space"):
        write_text_atomic(tmp_path / "new.json", "{}")
    assert list(tmp_path.iterdir()) == []


def test_a_file_in_the_way_of_the_folder(tmp_path):
    (tmp_path / "saves").write_text("not a folder")
    with pytest.raises(WriteError) as info:
        write_text_atomic(tmp_path / "saves" / "g.json", "{}")
    assert str(info.value) == (f"cannot write {tmp_path / 'saves' / 'g.json'}: "
                               f"{tmp_path / 'saves'} is a file, not a folder. Choose another "
                               "path.")


def test_headless_save_on_a_full_disk_is_one_clear_line(tmp_path, monkeypatch, capsys):
    target = save_game(play(TUTORIAL, seed=5, turns=1), tmp_path / "g.json")
    before = target.read_bytes()
    fail_with(monkeypatch, errno.ENOSPC)
    assert main(["run", str(TUTORIAL), "--seed", "1", "--turns", "1", "--quiet",
                 "--save", str(target)]) == 1
    err = capsys.readouterr().err
    assert err == (f"cannot write {target}: the disk is full (or your quota is used up), so "
                   "the previous file is unchanged. Free some space or write to another "
                   "folder.\n")
    assert target.read_bytes() == before


def test_report_on_a_full_disk_leaves_no_empty_folder(tmp_path, monkeypatch, capsys):
    save = save_game(play(TUTORIAL, seed=1, turns=2), tmp_path / "g.json")
    fail_with(monkeypatch, errno.ENOSPC)
    out = tmp_path / "debrief" / "team-a"
    assert main(["report", str(save), "--out", str(out)]) == 1
    assert capsys.readouterr().err.startswith(f"cannot write {out / 'report.html'}: the disk "
                                              "is full")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.json"]


def test_autosave_failure_is_reported_and_keeps_earlier_autosaves(tmp_path, monkeypatch):
    game = new_game(TUTORIAL, seed=4)
    saver = Autosaver(tmp_path, keep=3)
    for _ in range(2):
        game.end_turn()
        saver.save(game)
    kept = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    game.end_turn()
    fail_with(monkeypatch, errno.ENOSPC)
    with pytest.raises(InterdictError) as info:
        saver.save(game)
    gid = game_meta(game).game_id
    target = tmp_path / f"tutorial-{gid}-t03.json"
    assert str(info.value) == (
        f"autosave failed: cannot write {target}: the disk is full (or your quota is used up), "
        "so no file was written. Free some space or write to another folder. The game goes "
        "on; earlier autosaves are unchanged. To autosave elsewhere, set INTERDICT_SAVES_DIR "
        "to a folder you can write to and restart, or save the game under another name now.")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == kept
    monkeypatch.undo()
    assert saver.save(game) == target  # the next turn's autosave works again
    assert load_game(target).turn == 4


def test_two_windows_of_one_game_autosaving_the_same_turn_at_once_keep_both(tmp_path):
    """Window A finds turn 3's name free; before it writes, window B (the same game reopened
    and played differently) autosaves its turn 3 there. A must not replace B's file."""
    game = new_game(TUTORIAL, seed=4)
    saver = Autosaver(tmp_path, keep=10)
    game.end_turn()
    first = saver.save(game)
    other = load_game(first)
    other.instructor(InstructorAction(kind="fire_event", reason="what if",
                                      event="hurricane_season"))
    for g in (game, other):
        g.end_turn()
        g.end_turn()
    gid = game_meta(game).game_id
    t03 = tmp_path / f"tutorial-{gid}-t03.json"
    stale = saver.path_for(game)  # A looks: the name is free
    assert stale == t03 and not t03.exists()
    assert saver.save(other) == t03  # B writes there first
    theirs = t03.read_bytes()
    looks = iter([(stale, True)])
    real = saver._choose
    saver._choose = lambda g: next(looks, None) or real(g)
    assert saver.save(game) == tmp_path / f"tutorial-{gid}-t03-2.json"
    assert t03.read_bytes() == theirs
    assert load_game(tmp_path / f"tutorial-{gid}-t03-2.json").history == game.history
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_broken_link_with_an_autosaves_name_is_stepped_over(tmp_path):
    game = new_game(TUTORIAL, seed=4)
    saver = Autosaver(tmp_path, keep=10)
    game.end_turn()
    gid = game_meta(game).game_id
    squatter = tmp_path / f"tutorial-{gid}-t01.json"
    squatter.symlink_to(tmp_path / "nowhere.json")
    assert saver.save(game) == tmp_path / f"tutorial-{gid}-t01-2.json"
    assert squatter.is_symlink() and not squatter.exists()  # left alone
    assert load_game(tmp_path / f"tutorial-{gid}-t01-2.json").turn == 2


def test_two_games_autosaving_at_once_keep_their_own_files(tmp_path):
    games = [new_game(TUTORIAL, seed=s) for s in (1, 2)]
    errors: list[BaseException] = []

    def run(game):
        saver = Autosaver(tmp_path, keep=3)
        try:
            for _ in range(6):
                game.end_turn()
                saver.save(game)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(g,)) for g in games]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for g in games:
        gid = game_meta(g).game_id
        mine = autosaves_of(tmp_path, "tutorial", gid)
        assert [p.name for p in mine] == [f"tutorial-{gid}-t{t:02d}.json" for t in (4, 5, 6)]
        for p in mine:
            assert load_game(p).seed == g.seed
    assert len(list(tmp_path.iterdir())) == 6


def test_a_save_carries_no_path_of_the_machine_it_was_made_on(tmp_path):
    save = save_game(play(TUTORIAL, seed=1, turns=1), tmp_path / "g.json")
    text = save.read_text(encoding="utf-8")
    assert str(TUTORIAL.parent) not in text and str(tmp_path) not in text
    assert json.loads(text)["scenario"]["file"] == "tutorial.yaml"
    moved = tmp_path / "usb" / "copied.json"
    moved.parent.mkdir()
    moved.write_bytes(save.read_bytes())
    assert load_game(moved, verify=True).turn == 2


@pytest.mark.parametrize("command", ["replay", "report"])
def test_cli_messages_for_things_that_are_not_saves(tmp_path, capsys, command):
    folder = tmp_path / "class"
    folder.mkdir()
    other = tmp_path / "run-report.json"
    other.write_text('{"turns": []}\n')
    cases = {
        tmp_path / "nope.json": "no such save file. Check the name; autosaves are in the saves/ "
                                "folder.",
        folder: "this is a folder, not a save file, and it holds no .json saves. Name a save "
                "file; autosaves are in the saves/ folder.",
        other: 'not an Interdict save: the file is JSON but has no "format": "interdict-save" '
               "field. Check that you picked a save (run reports and scenarios are not saves).",
        other / "x.json": f"no such save file: {other} is a file, not a folder. Check the name.",
    }
    for path, message in cases.items():
        assert main([command, str(path)]) == 1
        captured = capsys.readouterr()
        assert captured.err == f"{path}: {message}\n"
        assert captured.out == ""
    save = save_game(play(TUTORIAL, seed=1, turns=1), folder / "tutorial-x-t01.json")
    assert main([command, str(folder)]) == 1
    assert capsys.readouterr().err == (
        f"{folder}: this is a folder, not a save file. Name one of the .json saves in it; the "
        f"newest is {save}\n")
    assert other.read_text() == '{"turns": []}\n'


def test_run_save_never_replaces_a_class_game_or_another_file(tmp_path, capsys):
    from game.ai.session import Seat

    class_game = new_game(TUTORIAL, seed=3, seats={"usa": Seat.person()})
    class_game.end_turn()
    played = save_game(class_game, tmp_path / "class.json")
    scenario = tmp_path / "mine.yaml"
    scenario.write_bytes(TUTORIAL.read_bytes())
    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(played.read_bytes()[:-40])
    before = {p: p.read_bytes() for p in (played, scenario, damaged)}
    run = ["run", str(TUTORIAL), "--seed", "1", "--turns", "1", "--quiet", "--save"]
    gid = game_meta(class_game).game_id
    expected = {
        played: f"--save {played}: the file holds a game played by people (game {gid}, "
                "scenario tutorial, 1 turn played; seats: usa), so it is left as it is. Choose "
                "another file name.",
        scenario: f"--save {scenario}: the file already exists and it is not an Interdict "
                  "save, so it is left as it is. Choose another file name.",
        damaged: f"--save {damaged}: the file already exists and it is a save that does not "
                 "open (it may be the only copy of a game), so it is left as it is. Choose "
                 "another file name.",
    }
    for path, message in expected.items():
        assert main([*run, str(path)]) == 1
        assert capsys.readouterr().err == message + "\n"
    assert {p: p.read_bytes() for p in before} == before
    # a computer-only save is replaced: re-running a command is common
    ai = tmp_path / "ai.json"
    assert main([*run, str(ai)]) == 0
    assert main(["run", str(TUTORIAL), "--seed", "2", "--turns", "2", "--quiet", "--save",
                 str(ai)]) == 0
    assert load_game(ai).seed == 2
    capsys.readouterr()
    assert main(["run", str(TUTORIAL), "--seed", "4", "--turns", "1", "--save", str(ai)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"Save written to {ai} (it replaced an earlier computer-only game of this scenario)")
    # ...but not a computer-only game of another scenario: that is somebody's other run
    kept = ai.read_bytes()
    gid = game_meta(load_game(ai)).game_id
    assert main(["run", str(TUTORIAL.with_name("caribbean.yaml")), "--turns", "1", "--quiet",
                 "--save", str(ai)]) == 1
    assert capsys.readouterr().err == (
        f"--save {ai}: the file holds a computer-only game of another scenario (tutorial, "
        f"game {gid}), so it is left as it is. Choose another file name, or delete that "
        "file first.\n")
    assert ai.read_bytes() == kept
    fresh = tmp_path / "fresh.json"
    assert main(["run", str(TUTORIAL), "--turns", "1", "--save", str(fresh)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"Save written to {fresh}"


def test_writing_through_a_link_keeps_the_link_and_replaces_the_file_it_names(tmp_path):
    real = tmp_path / "shared" / "results.json"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "results.json"
    link.symlink_to(real)
    assert write_text_atomic(link, "new\n") == link
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text() == "new\n"
    assert sorted(p.name for p in real.parent.iterdir()) == ["results.json"]


def test_a_pipe_given_as_the_output_is_written_into_and_stays_a_pipe(tmp_path):
    """`--out /dev/stdout` or a named pipe: a rename would put a file where the pipe was (as
    root, even in /dev)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_text_atomic(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_run_writes_its_report_into_a_pipe(tmp_path, capsys):
    fifo = tmp_path / "report"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert main(["run", str(TUTORIAL), "--seed", "3", "--turns", "2", "--out", str(fifo)]) == 0
    reader.join(timeout=10)
    report = json.loads(got[0])
    assert (report["seed"], [t["turn"] for t in report["turns"]]) == (3, [1, 2])
    assert f"Report written to {fifo}" in capsys.readouterr().out
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_name_too_long_for_the_disk_is_a_message_not_a_second_error(tmp_path):
    """write_error looked the name up again to word the message, and that raised too."""
    target = tmp_path / ("x" * 300 + ".json")
    with pytest.raises(WriteError) as info:
        write_text_atomic(target, "{}")
    assert str(info.value) == (f"cannot write {target}: the file name is too long for the "
                               "disk, so no file was written. Choose a shorter name.")
    assert info.value.errno == errno.ENAMETOOLONG
    assert list(tmp_path.iterdir()) == []


def test_a_pipe_or_a_device_named_as_a_save_is_refused_without_reading_it(tmp_path):
    """`replay /dev/zero` read without end; a named pipe waited for a writer for ever."""
    from game.persistence.saves import SaveError, read_save

    fifo = tmp_path / "game.json"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/zero"):
        with pytest.raises(SaveError) as info:
            read_save(path)
        assert info.value.kind == "not-a-save"
        assert str(info.value) == (f"{path}: this is not a regular file (a device, a pipe or a "
                                   "socket). Check that you picked a save file.")


def test_writing_through_a_dangling_link_creates_the_file_it_names(tmp_path):
    (tmp_path / "real").mkdir()
    link = tmp_path / "results.json"
    link.symlink_to(tmp_path / "real" / "none.json")
    write_text_atomic(link, "new\n")
    assert link.is_symlink() and (tmp_path / "real" / "none.json").read_text() == "new\n"
