using SmartUnion.Domain.Services;

namespace SmartUnion.Web.Components.Pages.Commissions;

/// <summary>
/// The state of the 约稿 form (<see cref="CommissionDialog"/>) without the UI: 主题, 要求, 截止日期, 分值 and the target
/// units chosen from the reviewer's subtree (one by one, a unit with all its children, or all of them). The rules and
/// their messages are <see cref="CommissionService"/>'s; the service checks everything again on save.
/// </summary>
public sealed class CommissionForm(IReadOnlyList<CommissionUnitChoice> choices)
{
    private readonly HashSet<int> selected = [];

    public IReadOnlyList<CommissionUnitChoice> Choices { get; } = choices;
    public string? Topic { get; set; }
    public string? Requirements { get; set; }
    /// <summary>截止日期 as the date input binds it (a China calendar day at midnight).</summary>
    public DateTime? DueDate { get; set; }
    public int? Points { get; set; }

    public int SelectedCount => selected.Count;
    public bool IsSelected(int unitId) => selected.Contains(unitId);
    public bool HasChildren(int unitId) => Choices.Any(c => c.ParentId == unitId);

    public void Toggle(int unitId, bool on)
    {
        if (on) selected.Add(unitId);
        else selected.Remove(unitId);
    }

    /// <summary>含下级: the unit and every unit below it (a second click takes them all away again).</summary>
    public void ToggleWithChildren(int unitId)
    {
        var branch = CommissionService.WithDescendants(Choices, unitId);
        var on = !branch.All(selected.Contains);
        foreach (var id in branch) Toggle(id, on);
    }

    /// <summary>The 单位分组 among the choices, in the order their first unit appears: the dialog's 按分组 buttons.</summary>
    public IReadOnlyList<(int Id, string Name)> Groups => Choices.Where(c => c.GroupId is not null)
        .Select(c => (Id: c.GroupId!.Value, Name: c.GroupName ?? "")).Distinct().ToList();

    /// <summary>按分组: every unit of the group among the choices (a second click takes them away again).</summary>
    public void ToggleGroup(int groupId)
    {
        var members = Choices.Where(c => c.GroupId == groupId).Select(c => c.Id).ToList();
        var on = !members.All(selected.Contains);
        foreach (var id in members) Toggle(id, on);
    }

    /// <summary>全选 / 全不选.</summary>
    public void ToggleAll()
    {
        if (selected.Count == Choices.Count) selected.Clear();
        else selected.UnionWith(Choices.Select(c => c.Id));
    }

    /// <summary>修改: the form starts from the 约稿 as it is.</summary>
    public void Load(CommissionDetail existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        Topic = existing.Topic;
        Requirements = existing.Requirements;
        DueDate = existing.DueDate.ToDateTime(TimeOnly.MinValue);
        Points = existing.Points;
        selected.Clear();
        selected.UnionWith(existing.TargetUnitIds);
    }

    public CommissionInput Input => new(Topic, Requirements, Choices.Where(c => selected.Contains(c.Id)).Select(c => c.Id).ToList(),
        DueDate is { } d ? DateOnly.FromDateTime(d) : null, Points);

    /// <summary>The first problem with the form (the service's messages), or null.</summary>
    public string? Error(DateOnly today, DateOnly? unchangedDueDate = null)
    {
        var input = Input;
        return CommissionService.TopicError(input.Topic) ?? CommissionService.RequirementsError(input.Requirements)
            ?? CommissionService.UnitsError(input.UnitIds) ?? CommissionService.DueDateError(input.DueDate, today, unchangedDueDate)
            ?? CommissionService.PointsError(input.Points);
    }
}
