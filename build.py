"""Entry point: python build.py --office phayao2  (see README.md)."""

from khumue.cli.script import main

if __name__ == "__main__":
    main()
