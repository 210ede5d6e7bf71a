"""`python -m okrctl` runs the same command line as `okrctl`."""

from okrctl.cli import main

if __name__ == "__main__":
    main()
