import Testing

/// Parent suite of the Media layer's tests, so `swift test --filter Media` selects them all.
@Suite enum MediaTests {}
