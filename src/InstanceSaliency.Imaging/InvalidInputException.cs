namespace InstanceSaliency.Imaging;

/// <summary>
/// Input the user can fix: a file that is missing, malformed or inconsistent. The command line turns it into one
/// <c>error:</c> line and exit code 2 (cli-contract.md); the message names the file and the problem.
/// </summary>
public class InvalidInputException : Exception
{
    public InvalidInputException(string message) : base(message) { }
    public InvalidInputException(string message, Exception inner) : base(message, inner) { }
}
