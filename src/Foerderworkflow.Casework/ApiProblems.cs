namespace Foerderworkflow.Casework;

/// <summary>RFC 7807 answers the endpoints give for input they refuse before anything is changed.</summary>
public static class ApiProblems
{
    public static IResult Field(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Die Eingabe ist ungültig.");

    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Nicht gefunden", detail: detail);
}
