"""Commands that are not pipeline stages: plan (memory and time before renting GPUs), export (merge the adapter),
compare (the dashboard of variants). flows/cli.py exposes them as `sftops plan|export|compare`."""
