"""Shared core of the pipeline stages: params, paths, tracking and DVC helpers.

No stage imports another stage; whatever two stages share lives here.
"""
