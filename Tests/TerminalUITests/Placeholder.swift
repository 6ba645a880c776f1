// Tests for TerminalUI.
