using Foerderworkflow.Funding.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foerderworkflow.Portal.Pages.Antraege;

/// <summary>An applicant's own applications; for the KuF and the office the register of all, with filters.</summary>
public sealed class IndexModel(IFundingRegistry registry) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "fonds")]
    public string? FundId { get; set; }

    [BindProperty(SupportsGet = true, Name = "jahr")]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public ApplicationStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ApplicationListItem> Applications { get; private set; } = [];

    public IReadOnlyList<(string Id, string Name)> Funds { get; private set; } = [];

    public bool OwnOnly { get; private set; }

    public bool HasMore { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        OwnOnly = caller.SeesOnlyOwnApplications;
        PageNumber = Math.Max(1, PageNumber);
        Funds = [.. (await registry.ListFundsAsync(cancellationToken)).Select(f => (f.Id, f.Name))];
        var found = await registry.ListApplicationsAsync(new ApplicationFilter
        {
            ApplicantSubject = OwnOnly ? caller.Subject : null,
            FundId = string.IsNullOrEmpty(FundId) ? null : FundId,
            BudgetYear = Year is >= 2000 and <= 2100 ? Year : null,
            Status = Status,
            Skip = (PageNumber - 1) * PageSize,
            Take = PageSize + 1,
        }, cancellationToken);
        HasMore = found.Count > PageSize;
        Applications = [.. found.Take(PageSize).Select(ApplicationListItem.From)];
    }
}
