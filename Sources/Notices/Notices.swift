import AgentCore

/// Further Action Notice, Referral Date Confirmation and case summary (grows with the notices issue).
public enum Notices {
    public static let shippedLanguages: [String] = ["en"]
}
