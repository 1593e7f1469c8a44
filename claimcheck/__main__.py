from claimcheck.cli import run

run()
