from acuref.cli import run

run()
