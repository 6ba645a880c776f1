// Tests for KeepsafeFlow.
