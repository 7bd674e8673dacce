using Foerderworkflow.Funding.Persistence.Tests.Infrastructure;

namespace Foerderworkflow.Funding.Persistence.Tests;

public sealed class PostgreSqlFundingStoreTests(PostgreSqlFundingStoreFixture fixture) : FundingStoreContract(fixture), IClassFixture<PostgreSqlFundingStoreFixture>;
