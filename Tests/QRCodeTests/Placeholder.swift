// Tests for QRCode.
