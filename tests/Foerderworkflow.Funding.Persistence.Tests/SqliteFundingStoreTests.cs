using Foerderworkflow.Funding.Persistence.Tests.Infrastructure;

namespace Foerderworkflow.Funding.Persistence.Tests;

public sealed class SqliteFundingStoreTests(SqliteFundingStoreFixture fixture) : FundingStoreContract(fixture), IClassFixture<SqliteFundingStoreFixture>;
