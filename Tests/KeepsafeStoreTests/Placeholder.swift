// Tests for KeepsafeStore.
