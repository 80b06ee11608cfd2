"""`python -m extractor …` runs the `rubric` command: `python -m extractor extract plan.txt`
is `rubric extract plan.txt`, for an environment without the scripts on its PATH."""

from extractor.cli import app

if __name__ == "__main__":  # imported by a package walk (the tests'), it runs nothing
    app(prog_name="rubric")
