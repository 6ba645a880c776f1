// HOTP, TOTP, Base32, otpauth URIs, secrets and password hashing live in this module.
