namespace RootGuard.Core.Planning
{
    /// <summary>
    /// What a user asked a mutating command for, once bound. <see cref="Validate"/> is every check that needs neither
    /// credentials nor an AWS call: the command calls it first, so bad input fails before anything else happens.
    /// </summary>
    public interface IChangeRequest
    {
        /// <summary>Throws a <see cref="RootGuardException"/> naming the parameter at fault and the fix.</summary>
        void Validate();
    }
}
