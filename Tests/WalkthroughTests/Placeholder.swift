// Tests for Walkthrough.
