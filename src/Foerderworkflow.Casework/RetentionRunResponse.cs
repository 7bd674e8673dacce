using Foerderworkflow.Funding.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace Foerderworkflow.Casework;

public sealed record RetentionRunResponse(DateTimeOffset EndedBefore, int Erased, IReadOnlyList<string> ApplicationIds);
