"""`interdict run` / `interdict batch`: user mistakes give one clear message and exit 1, never
a traceback (exact messages)."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli import main
from tests.engine.conftest import ROOT, scenario

TUTORIAL = str(ROOT / "scenarios" / "tutorial.yaml")
IDS = ", ".join(sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml")))


def _err(capsys) -> list[str]:
    cap = capsys.readouterr()
    assert "Traceback" not in cap.err
    return cap.err.strip().splitlines()


@pytest.mark.parametrize("cmd", ["run", "batch"])
def test_unknown_policy_lists_the_valid_ones(cmd, capsys):
    assert main([cmd, TUTORIAL, "--red", "smart"]) == 1
    assert _err(capsys) == ["unknown Red policy 'smart' (choose one of: adaptive, fixed, random)"]
    assert main([cmd, TUTORIAL, "--blue", "x"]) == 1
    assert _err(capsys) == [
        "unknown Blue policy 'x' (choose one of: baseline, passive, aggressive, random)"]


@pytest.mark.parametrize("cmd", ["run", "batch"])
def test_missing_scenario_file_and_unknown_id(cmd, tmp_path: Path, capsys):
    missing = tmp_path / "nothere.yaml"
    assert main([cmd, str(missing)]) == 1
    assert _err(capsys) == [f"{missing}:1:1: error: file not found: check the path and the spelling"]
    assert main([cmd, "carribean"]) == 1
    assert _err(capsys) == [
        f"carribean: no such scenario file or scenario id (scenario ids: {IDS})"]


@pytest.mark.parametrize("cmd", ["run", "batch"])
def test_scenario_with_errors_prints_file_line_col(cmd, tmp_path: Path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(Path(TUTORIAL).read_text().replace("turns: ", "turns: -", 1))
    line = next(i for i, t in enumerate(bad.read_text().splitlines(), 1)
                if t.startswith("turns: -"))
    assert main([cmd, str(bad)]) == 1
    err = _err(capsys)
    assert err, "an error is printed"
    assert all(e.startswith(f"{bad}:") and ": error: " in e for e in err)
    assert any(e.startswith(f"{bad}:{line}:") for e in err)


@pytest.mark.parametrize("cmd", ["run", "batch"])
def test_bad_orders_file(cmd, tmp_path: Path, capsys):
    assert main([cmd, TUTORIAL, "--orders", str(tmp_path / "none.yaml")]) == 1
    assert _err(capsys) == [
        f"{tmp_path / 'none.yaml'}:1:1: error: file not found: check the path and the spelling"]
    bad = tmp_path / "o.yaml"
    bad.write_text("usa:\n  deploy: {go_fast: {patrol_ship: 1.5}}\n")
    assert main([cmd, TUTORIAL, "--orders", str(bad)]) == 1
    assert _err(capsys) == [f"{bad}:2:35: error: usa: deploy.go_fast.patrol_ship: "
                            "expected a whole number, got 1.5"]


@pytest.mark.parametrize("cmd", ["run", "batch"])
def test_turns_beyond_the_scenario(cmd, capsys):
    n = scenario("tutorial").turns
    assert main([cmd, TUTORIAL, "--turns", str(n + 1)]) == 1
    assert _err(capsys) == [
        f"--turns {n + 1}: scenario tutorial lasts {n} months; choose a number from 1 to {n}"]


@pytest.mark.parametrize("cmd", ["run", "batch"])
def test_out_into_a_missing_folder_fails_before_playing(cmd, tmp_path: Path, capsys):
    out = tmp_path / "missing" / "r.json"
    assert main([cmd, TUTORIAL, "--out", str(out), "--runs" if cmd == "batch" else "-q",
                 *(["2"] if cmd == "batch" else [])]) == 1
    assert _err(capsys) == [f"--out {out}: the folder {out.parent} does not exist; "
                            "create it first or choose another path"]
    assert not out.parent.exists()


@pytest.mark.parametrize("cmd", ["run", "batch"])
def test_out_under_a_file_or_onto_a_folder(cmd, tmp_path: Path, capsys):
    f = tmp_path / "file.txt"
    f.write_text("x")
    out = f / "r.json"
    assert main([cmd, TUTORIAL, "--out", str(out)]) == 1
    assert _err(capsys) == [f"--out {out}: {f} is not a folder"]
    assert main([cmd, TUTORIAL, "--out", str(tmp_path)]) == 1
    assert _err(capsys) == [f"--out {tmp_path}: this is a folder; name a file inside it"]


def test_out_write_failure_is_a_clear_error(tmp_path: Path, capsys, monkeypatch):
    import game.persistence.files as files

    def refuse(path, data):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "write_json_atomic", refuse)
    out = tmp_path / "r.json"
    assert main(["run", TUTORIAL, "--turns", "1", "--out", str(out), "-q"]) == 1
    assert _err(capsys) == [
        f"--out {out}: cannot write the file (Permission denied); choose another path"]


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX process groups")
def test_ctrl_c_during_a_parallel_batch_prints_one_line(tmp_path: Path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "game", "batch", TUTORIAL, "--runs", "5000", "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        cwd=ROOT)
    time.sleep(3.0)  # the pool is running
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.strip() == "interdict: interrupted"


def test_out_write_error_from_persistence_is_shown_once_not_wrapped(tmp_path: Path, capsys,
                                                                     monkeypatch):
    import errno

    import game.persistence.files as files

    def full(path, data):
        raise files.write_error(Path(path), OSError(errno.ENOSPC, "No space left on device"))

    monkeypatch.setattr(files, "write_json_atomic", full)
    out = tmp_path / "r.json"
    assert main(["run", TUTORIAL, "--turns", "1", "--out", str(out), "-q"]) == 1
    assert _err(capsys) == [
        f"cannot write {out}: the disk is full (or your quota is used up), so no file was "
        "written. Free some space or write to another folder."]


def test_save_into_a_missing_folder_is_refused_before_playing_like_out(tmp_path: Path, capsys):
    save = tmp_path / "nope" / "game.json"
    assert main(["run", TUTORIAL, "--save", str(save), "-q"]) == 1
    assert _err(capsys) == [f"--save {save}: the folder {save.parent} does not exist; "
                            "create it first or choose another path"]
    assert not save.parent.exists()


@pytest.mark.parametrize("command", ["run", "batch", "validate"])
def test_a_scenario_name_too_long_for_the_disk_is_a_message(command, capsys):
    """It was a raw traceback (OSError: File name too long) before the command started."""
    name = "x" * 300
    assert main([command, name]) == 1
    cap = capsys.readouterr()
    assert "Traceback" not in cap.err
    said = cap.out if command == "validate" else cap.err  # (validate lists on stdout)
    assert said == f"{name}:1:1: error: cannot open the file: File name too long\n"


def test_batch_refuses_more_games_than_it_can_hold_or_seeds_past_the_largest(capsys):
    """--runs 1000000000 built a list of a billion seeds (8 GB within 20 s)."""
    with pytest.raises(SystemExit) as info:
        main(["batch", TUTORIAL, "--runs", "1000000000"])
    assert info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "interdict batch: error: argument --runs: at most 100,000 games in one batch (split a "
        "longer study with --seed)")
    assert main(["batch", TUTORIAL, "--seed", str(2**63 - 1), "--runs", "5"]) == 1
    assert _err(capsys) == [
        f"--seed {2**63 - 1} --runs 5: the games' seeds would pass 2**63-1, the largest seed; "
        "start from a smaller --seed"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_under_the_output_is_a_message_and_a_closed_output_no_error(tmp_path):
    """`run > /dev/full` was an "internal error: OSError"; `validate >&-` one too."""
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "game", "run", TUTORIAL, "--turns", "2"],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (1, (
        "interdict: cannot write the output: No space left on device. Files the command wrote "
        "are complete; nothing was overwritten.\n"))
    out = tmp_path / "r.json"
    done = subprocess.run(
        [sys.executable, "-m", "game", "run", TUTORIAL, "--turns", "2", "--out", str(out)],
        stdout=None, stderr=subprocess.PIPE, text=True, timeout=120,
        preexec_fn=lambda: os.close(1))
    assert (done.returncode, done.stderr) == (0, "")
    assert [t["turn"] for t in json.loads(out.read_text())["turns"]] == [1, 2]
    done = subprocess.run([sys.executable, "-m", "game", "validate", TUTORIAL], stdout=None,
                          stderr=subprocess.PIPE, text=True, timeout=120,
                          preexec_fn=lambda: os.close(1))
    assert (done.returncode, done.stderr) == (0, "")


@pytest.mark.parametrize("args", [["run", TUTORIAL, "--out"], ["run", TUTORIAL, "--save"],
                                  ["batch", TUTORIAL, "--out"]])
def test_an_output_name_too_long_for_the_disk_is_a_message(args, capsys):
    name = "x" * 300 + ".json"
    assert main([*args, name]) == 1
    assert _err(capsys) == [f"{args[-1]} {name}: cannot use this name (File name too long); "
                            "choose another path"]


def test_out_into_a_pipe_needs_no_writable_folder(tmp_path, monkeypatch):
    """`--out /dev/stdout` was refused for want of write access to /dev (not as root)."""
    from game.core.errors import InterdictError
    from game.headless import check_out_path

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    monkeypatch.setattr(os, "access", lambda *_a, **_k: False)  # a folder we cannot write
    check_out_path(str(fifo), command="run")  # written into, nothing replaced: no check
    with pytest.raises(InterdictError) as info:
        check_out_path(str(tmp_path / "r.json"), command="run")
    assert str(info.value).endswith("is not writable; choose another path")
