// Tests for OneTimePassword.
