namespace SmartUnion.Domain.Entities;

/// <summary>One line of the audit log: who did what to which object, and when.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public string Details { get; set; } = "";
}

public static class AuditActions
{
    public const string Adopt = "采用";
    public const string Unadopt = "撤销采用";
    public const string AdoptCorrect = "修改采用";
    public const string Reject = "驳回";
    public const string UndoReject = "撤销驳回";
    public const string DeductionCreate = "新增扣分";
    public const string DeductionUpdate = "修改扣分";
    public const string DeductionDelete = "删除扣分";
    public const string Recalculate = "重新计算积分";
    public const string Settings = "系统设置";
}
