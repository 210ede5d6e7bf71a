"""One module per `okrctl` subcommand."""
