"""A study on disk: lernet.yaml settings, where the project is, and the participants file."""
