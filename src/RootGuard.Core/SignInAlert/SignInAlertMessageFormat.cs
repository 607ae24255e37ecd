namespace RootGuard.Core.SignInAlert
{
    /// <summary>What the sign-in alert sends to its topic.</summary>
    public enum SignInAlertMessageFormat
    {
        /// <summary>A short plain-text message for people reading e-mail (an input transformer).</summary>
        Readable,

        /// <summary>The EventBridge event as JSON, unchanged (for tools that parse it).</summary>
        Raw,

        /// <summary>AWS Chatbot's custom notification JSON; Chatbot drops plain text it does not recognise.</summary>
        Chatbot,
    }
}
