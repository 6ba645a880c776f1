// Walkthrough scripts and their runner live in this module.
