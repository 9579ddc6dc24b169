using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Web.Components.Pages.Items;

namespace SmartUnion.Tests.Components;

/// <summary>The 批示 form on 公文采用信息 offers each level with the bonus the chosen 批示日期 will snapshot.</summary>
public class InstructionFormStateTests
{
    private static readonly InstructionRuleVersions City = new(InstructionLevel.City,
        [new PointsVersionRow(RuleVersions.Baseline, 40), new PointsVersionRow(new DateOnly(2026, 11, 15), 50)]);

    private static readonly DateOnly Today = new(2026, 11, 26);

    [Fact]
    public void ABackDatedInstructionShowsTheBonusInForceOnItsDateNotTodays()
    {
        var form = new InstructionFormState { Date = new DateTime(2026, 11, 14) };
        Assert.Equal(40, form.PointsOf(City, Today));
        form.Date = new DateTime(2026, 11, 15);
        Assert.Equal(50, form.PointsOf(City, Today));
    }

    [Fact]
    public void WithoutADateTheFormShowsTodaysBonus()
    {
        Assert.Equal(50, new InstructionFormState().PointsOf(City, Today));
        Assert.Equal(0, new InstructionFormState { Date = new DateTime(1999, 1, 1) }.PointsOf(City, Today));
    }
}
