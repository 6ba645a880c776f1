extension OTPAuthURI {
    /// Reads an otpauth URI.
    ///
    /// Accepts the scheme in any case, `Issuer:account` labels with the colon literal or as
    /// `%3A` (spaces before the account are dropped, with or without the prefix), query values with `%XX` escapes or `+` for a space,
    /// and any order of parameters. Unknown parameters are kept in `extraParameters`.
    ///
    /// - Throws: `OTPAuthURIError`: wrong scheme or type, bad escapes, a missing account or
    ///   secret, an issuer parameter that differs from the label's prefix, a duplicate parameter,
    ///   a bad algorithm, digits, period or counter, HOTP without a counter.
    /// - Complexity: O(n).
    public static func parse(_ text: String) throws -> OTPAuthURI {
        try parseWithIssuerSources(text).uri
    }

    /// `parse`, also telling whether the issuer came from the label prefix, the parameter, or both.
    static func parseWithIssuerSources(_ text: String) throws -> (
        uri: OTPAuthURI, inLabel: Bool, inParameter: Bool
    ) {
        let trimmed = text.trimmingWhitespace()
        let schemeEnd = trimmed.index(trimmed.startIndex, offsetBy: 10, limitedBy: trimmed.endIndex)
        guard let schemeEnd, trimmed[..<schemeEnd].lowercased() == "otpauth://" else {
            throw OTPAuthURIError.notOTPAuth
        }
        let rest = trimmed[schemeEnd...]
        guard let slash = rest.firstIndex(of: "/") else {
            throw OTPAuthURIError.unsupportedType(String(rest.prefix { $0 != "?" }))
        }
        let typeText = rest[..<slash].lowercased()
        guard let kind = Kind(rawValue: typeText) else { throw OTPAuthURIError.unsupportedType(typeText) }
        let afterType = rest[rest.index(after: slash)...]
        let question = afterType.firstIndex(of: "?") ?? afterType.endIndex
        let (issuerPrefix, account) = try parseLabel(afterType[..<question])
        let query = question < afterType.endIndex ? afterType[afterType.index(after: question)...] : ""

        var known: [String: String] = [:]
        var extras: [Parameter] = []
        let knownNames: Set = ["secret", "issuer", "algorithm", "digits", "period", "counter"]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: "=") ?? pair.endIndex
            guard let name = PercentEncoding.decode(pair[..<equals], plusIsSpace: true) else {
                throw OTPAuthURIError.invalidPercentEncoding(part: "query")
            }
            let valueText = equals < pair.endIndex ? pair[pair.index(after: equals)...] : ""
            guard let value = PercentEncoding.decode(valueText, plusIsSpace: true) else {
                throw OTPAuthURIError.invalidPercentEncoding(
                    part: "parameter '\(OTPAuthURIError.shown(name))'")
            }
            let folded = name.lowercased()
            let interpreted = knownNames.contains(folded) && !(folded == "counter" && kind == .totp)
            if interpreted {
                guard known[folded] == nil else { throw OTPAuthURIError.duplicateParameter(folded) }
                known[folded] = value
            } else {
                extras.append(Parameter(name: name, value: value))
            }
        }

        guard let secretText = known["secret"] else { throw OTPAuthURIError.missingParameter("secret") }
        let secret: [UInt8]
        do { secret = try Base32.decode(secretText) } catch let error as Base32Error {
            throw OTPAuthURIError.invalidSecret(error)
        }
        let issuer = try resolveIssuer(label: issuerPrefix, parameter: known["issuer"])
        var uri = OTPAuthURI(
            kind: kind, issuer: issuer, account: account, secret: secret, extraParameters: extras)
        if let value = known["algorithm"] {
            guard let algorithm = HashAlgorithm(parameter: value) else {
                throw OTPAuthURIError.unsupportedAlgorithm(value)
            }
            uri.algorithm = algorithm
        }
        if let value = known["digits"] {
            guard let digits = Int(value), OTPError.supportedDigits.contains(digits) else {
                throw OTPAuthURIError.invalidDigits(value)
            }
            uri.digits = digits
        }
        if let value = known["period"] {
            guard let period = Int(value), period >= 1 else { throw OTPAuthURIError.invalidPeriod(value) }
            uri.period = period
        }
        if kind == .hotp {
            guard let value = known["counter"] else { throw OTPAuthURIError.missingParameter("counter") }
            guard let counter = UInt64(value) else { throw OTPAuthURIError.invalidCounter(value) }
            uri.counter = counter
        }
        try uri.validate()
        return (uri, issuerPrefix?.isEmpty == false, known["issuer"]?.isEmpty == false)
    }

    /// Splits a raw label into its issuer prefix (if any) and account name.
    private static func parseLabel(_ raw: Substring) throws -> (issuer: String?, account: String) {
        guard let label = PercentEncoding.decode(raw, plusIsSpace: false) else {
            throw OTPAuthURIError.invalidPercentEncoding(part: "label")
        }
        let parts = label.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        // Spaces before the account are separators, so an account never starts with one and a
        // parsed URI prints a label that parses back to the same account.
        if parts.count == 1 { return (nil, String(label.drop { $0 == " " })) }
        let account = parts[1].drop { $0 == " " }
        if account.contains(":") { throw OTPAuthURIError.colonInLabel(part: "account name") }
        return (String(parts[0]), String(account))
    }

    /// The issuer from the label prefix and the parameter, which must agree when both are given.
    private static func resolveIssuer(label: String?, parameter: String?) throws -> String? {
        let label = label?.isEmpty == true ? nil : label
        let parameter = parameter?.isEmpty == true ? nil : parameter
        switch (label, parameter) {
        case (let label?, let parameter?):
            guard label == parameter else {
                throw OTPAuthURIError.issuerMismatch(label: label, parameter: parameter)
            }
            return label
        case (let label?, nil):
            return label
        case (nil, let parameter?):
            guard !parameter.contains(":") else { throw OTPAuthURIError.colonInLabel(part: "issuer") }
            return parameter
        case (nil, nil):
            return nil
        }
    }
}

extension String {
    /// Without leading and trailing whitespace and newlines (no Foundation needed).
    func trimmingWhitespace() -> Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }
}
