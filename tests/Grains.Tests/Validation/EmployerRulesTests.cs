using Matching.Employers;
using Matching.Errors;

namespace Matching.Tests;

public sealed class ValidationTests
{
    [Fact]
    public void Employer_with_every_field_wrong_reports_each_field()
    {
        var ex = Assert.Throws<ValidationFailedException>(() =>
            EmployerRules.Normalize(new EmployerProfile { Name = " ", District = "paris", CreditStanding = "excellent" }, "e1"));

        Assert.Equal(["creditStanding", "district", "name"], ex.Errors.Keys.Order());
    }
}
