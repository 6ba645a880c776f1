// libFuzzer entry point for every parser of outside input (issue 11). Built by
// scripts/fuzz.sh against the library targets compiled with -sanitize=fuzzer; not a
// SwiftPM target (an executable's own main would clash with libFuzzer's).
//
// The parser is picked by KEEPSAFE_FUZZ_TARGET:
//   otpauth      otpauth:// URIs (Key Uri Format), then their codes and round trip
//   push-uri     Guardian-style push enrollment URIs
//   walkthrough  walkthrough scripts
//   document     store documents: every record type, audit lines, strict JSON
//   policy       policy.json, its range checks, and a portal session on it
//   time         durations and clock values (--clock, --at, --skew, advance, clock)
//   keys         what the terminal sends: control sequences dropped, then keys decoded
// A parser may refuse its input with an error; any trap or sanitizer report is a bug.

import Foundation
import KeepsafeFlow
import KeepsafeStore
import OneTimePassword
import TerminalUI
import Walkthrough

enum FuzzTarget: String, CaseIterable {
    case otpauth
    case pushURI = "push-uri"
    case walkthrough, document, policy, time, keys
}

let fuzzTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["KEEPSAFE_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("KEEPSAFE_FUZZ_TARGET must be one of: \(names)\n".utf8))
        exit(2)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    let text = String(decoding: data, as: UTF8.self)
    switch fuzzTarget {
    case .otpauth: fuzzOTPAuth(text)
    case .pushURI: fuzzPushURI(text)
    case .walkthrough: _ = try? Script(parsing: text, file: "/nonexistent/fuzz.walk")
    case .document: fuzzDocument(data)
    case .policy: fuzzPolicy(data)
    case .time: fuzzTime(text)
    case .keys: fuzzKeys(data)
    }
    return 0
}

let fixedInstant = Date(timeIntervalSince1970: 1_777_626_000)

func fuzzOTPAuth(_ text: String) {
    guard let uri = try? OTPAuthURI.parse(text) else { return }
    if let totp = try? uri.totp() {
        let code = totp.code(at: fixedInstant)
        _ = totp.verify(code, at: fixedInstant, window: 1, lastAcceptedStep: nil)
        _ = totp.secondsRemaining(at: fixedInstant)
    }
    if let hotp = try? uri.hotp() { _ = hotp.code(counter: uri.counter ?? 0) }
    _ = uri.uriString
    // A valid account (what the phone keeps) must print a URI that reads back as itself.
    guard (try? uri.validate()) != nil else { return }
    guard let again = try? OTPAuthURI.parse(uri.uriString) else {
        fatalError("a valid URI does not parse again: \(uri.uriString.debugDescription)")
    }
    precondition(again.uriString == uri.uriString, "the round trip changed \(uri.uriString.debugDescription)")
}

func fuzzPushURI(_ text: String) {
    guard let uri = try? PushEnrollmentURI.parse(text) else { return }
    _ = try? uri.totp().code(at: fixedInstant)
    guard let again = try? PushEnrollmentURI.parse(uri.uriString) else {
        fatalError("a parsed push URI does not parse again: \(uri.uriString.debugDescription)")
    }
    precondition(again.uriString == uri.uriString, "the round trip changed the push URI")
}

func fuzzDocument(_ data: Data) {
    _ = try? StrictJSON.validate(data)
    for type in StoreLayout.recordTypes { decode(type, data) }
    _ = try? AuditLog.decodeLine(data, file: "audit.log", line: 1)
}

func decode<R: StoreRecord>(_ type: R.Type, _ data: Data) {
    guard let record = try? RecordCoder.decode(type, from: data, file: "fuzz.json") else { return }
    // A record that was read can be written back.
    _ = try? RecordCoder.encode(record, file: "fuzz.json")
}

func fuzzPolicy(_ data: Data) {
    guard let policy = try? RecordCoder.decodePolicy(from: data, file: "policy.json") else { return }
    _ = policy.weaknesses()
    guard policy.problems().isEmpty else { return }
    // A policy that passes its checks must be safe to run a flow on: a failed log-in
    // and a sign-up use its counters, lifetimes and back-off.
    var cheap = policy
    cheap.password.iterations = min(policy.password.iterations, 2)
    let store = InMemoryStore(policy: cheap)
    let clock = ManualClock(fixedInstant)
    guard
        let session = try? PortalSession(
            store: store,
            environment: PortalEnvironment(clock: clock, deviceName: "fuzz", keyring: InMemoryKeyring()))
    else { return }
    for _ in 0..<3 {
        try? session.fill(label: "Email", with: "a@example.com")
        try? session.fill(label: "Password", with: "wrong password")
        try? session.press(label: "Log in")
    }
    try? session.press(label: "Sign up")
    try? session.fill(label: "Email", with: "b@example.com")
    try? session.fill(label: "Full name", with: "B")
    try? session.fill(label: "Company", with: "C")
    try? session.fill(label: "Password", with: "a long enough phrase")
    try? session.fill(label: "Confirm password", with: "a long enough phrase")
    try? session.press(label: "Sign up")
    try? session.press(label: "SMS")
    clock.advance(by: Double(cheap.login.maxBackoffSeconds))
    _ = session.screen
}

func fuzzTime(_ text: String) {
    if let seconds = try? TimeValue.duration(text) {
        precondition(abs(seconds) <= TimeValue.maximumDuration, "a duration beyond its bound")
        _ = fixedInstant.addingTimeInterval(seconds)
    }
    if let offset = try? TimeValue.clockOffset(text, now: fixedInstant) {
        let shifted = fixedInstant.addingTimeInterval(offset)
        precondition(shifted >= TimeValue.earliest && shifted <= TimeValue.latest, "a clock out of range")
        _ = Int(shifted.timeIntervalSince1970)
    }
    if let instant = try? TimeValue.instant(text, unixSeconds: true) {
        _ = UInt64(instant.timeIntervalSince1970)
    }
    _ = "\(TimeValue.Problem.notAClock(text))"
}

/// Bytes as curses hands them over, one character each; 0xF8-0xFF stand for function keys
/// (curses decodes those itself). What the filter lets through is the input in order less
/// whole sequences: never more, never reordered, and every input is read. Input without
/// an Esc comes through unchanged, and so it does with a terminal's late answer put in
/// the middle of it.
func fuzzKeys(_ data: Data) {
    let inputs: [RawInput] = data.map {
        $0 >= 0xF8 ? .keyCode(0o402 + Int32($0 - 0xF8)) : .character(UInt32($0))
    }
    let out = filtered(inputs)
    var position = inputs.startIndex
    for input in out {
        guard let found = inputs[position...].firstIndex(of: input) else {
            fatalError("out of order or invented")
        }
        position = found + 1
    }
    guard !data.contains(0x1B) else { return }
    precondition(out == inputs, "input without an Esc was changed")
    let answer = "\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\\u{1B}[?62;22c".unicodeScalars.map {
        RawInput.character($0.value)
    }
    let middle = inputs.count / 2
    precondition(
        filtered(Array(inputs[..<middle]) + answer + inputs[middle...]) == inputs, "a late answer got through"
    )
}

func filtered(_ inputs: [RawInput]) -> [RawInput] {
    var left = inputs[...]
    var filter = SequenceFilter()
    var out: [RawInput] = []
    while let input = filter.next(timeout: 0, read: { _ in left.popFirst() }) {
        out.append(input)
        _ = KeyDecoder.decode(input)
        precondition(out.count <= inputs.count, "more out than in")
    }
    precondition(left.isEmpty, "input left unread")
    return out
}
