using System.Security.Claims;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;
using Microsoft.AspNetCore.Mvc;

namespace Foerderworkflow.Casework;

public sealed record InboxItem(string TaskId, string ApplicationId, string FileNumber, string Step, string Title, string AssigneeRole, DateTimeOffset? DueAt, IReadOnlyList<string> Outcomes, string? Action);
