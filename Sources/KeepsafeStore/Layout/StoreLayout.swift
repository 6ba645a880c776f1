/// The record types kept in a store, and where.
public enum StoreLayout {
    /// Every record type of the portal, in the order checks and exports list them.
    public static let recordTypes: [any StoreRecord.Type] = [
        Company.self, Account.self, Invitation.self, SMSMessage.self, MailMessage.self, PushRequest.self,
        LocalUser.self,
    ]

    /// The folder the simulated phone keeps its own records under: a record type whose
    /// `collection` is `phone/<name>` is stored, checked and exported like any other,
    /// and the portal never reads it.
    public static let phoneFolder = "phone"
}
