"""Tests of the viz stage."""
