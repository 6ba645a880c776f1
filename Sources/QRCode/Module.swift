// The QR Code encoder and its renderers live in this module.
