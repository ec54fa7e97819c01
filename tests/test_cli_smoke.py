from game.cli import build_parser, main


def test_help_lists_every_command(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    for command in ("validate", "schema", "run", "batch", "replay", "report", "play"):
        assert command in out


def test_bad_seed_is_a_usage_error_not_a_traceback(capsys):
    parser = build_parser()
    try:
        parser.parse_args(["run", "tutorial", "--seed", "abc"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "a seed is a whole number, not 'abc'" in capsys.readouterr().err
