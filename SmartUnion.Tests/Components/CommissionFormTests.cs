using SmartUnion.Domain.Services;
using SmartUnion.Web.Components.Pages.Commissions;

namespace SmartUnion.Tests.Components;

/// <summary>The 约稿 form's state (<see cref="CommissionForm"/>): choosing target units and the messages before saving.</summary>
public class CommissionFormTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static CommissionForm Form() => new([new(2, "姑苏区总", 0, 1), new(5, "街道A", 1, 2), new(6, "企业B", 2, 5), new(3, "吴中区总", 0, 1)]);

    [Fact]
    public void WithChildrenSelectsTheWholeBranchAndASecondClickTakesItAway()
    {
        var form = Form();
        form.ToggleWithChildren(2);
        Assert.Equal([2, 5, 6], form.Input.UnitIds);
        Assert.True(form.HasChildren(2));
        Assert.False(form.HasChildren(3));
        form.ToggleWithChildren(2);
        Assert.Equal(0, form.SelectedCount);
    }

    [Fact]
    public void AGroupButtonSelectsTheGroupsUnitsAndASecondClickTakesThemAway()
    {
        var form = new CommissionForm([new(2, "姑苏区总", 0, 1, 7, "县市区总工会"), new(5, "街道A", 1, 2), new(3, "吴中区总", 0, 1, 7, "县市区总工会"),
            new(4, "市教育工会", 0, 1, 8, "产业工会")]);
        Assert.Equal([(7, "县市区总工会"), (8, "产业工会")], form.Groups);
        form.Toggle(2, true);
        form.ToggleGroup(7);
        Assert.Equal([2, 3], form.Input.UnitIds);
        form.ToggleGroup(7);
        Assert.Equal(0, form.SelectedCount);
        form.ToggleGroup(8);
        Assert.Equal([4], form.Input.UnitIds);
    }

    [Fact]
    public void SelectAllTakesEveryUnitAndAgainNone()
    {
        var form = Form();
        form.Toggle(3, true);
        form.ToggleAll();
        Assert.Equal([2, 5, 6, 3], form.Input.UnitIds);
        form.ToggleAll();
        Assert.Empty(form.Input.UnitIds!);
    }

    [Fact]
    public void TheFormSaysWhatIsMissingInTheServicesWords()
    {
        var form = Form();
        form.Topic = "劳模工匠";
        form.Requirements = "一篇";
        Assert.Equal("请选择约稿单位", form.Error(Today));
        form.Toggle(5, true);
        Assert.Equal("请选择截止日期", form.Error(Today));
        form.DueDate = new DateTime(2026, 11, 25);
        Assert.Equal("截止日期不能早于今天", form.Error(Today));
        form.DueDate = new DateTime(2026, 11, 30);
        Assert.Null(form.Error(Today));
        Assert.Equal(new DateOnly(2026, 11, 30), form.Input.DueDate);
    }
}
