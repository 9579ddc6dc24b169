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
    /// <summary>A confirmed 完成任务加分 (a Deduction row of kind 加分).</summary>
    public const string BonusConfirm = "确认加分";
    public const string Recalculate = "重新计算积分";
    public const string Settings = "系统设置";
    public const string InstructionAdd = "录入领导批示";
    public const string InstructionDelete = "删除领导批示";
    public const string CoReporters = "设置联合报送单位";
    public const string Shares = "设置合报份额";
    public const string Publish = "发布积分排名";
    public const string Republish = "重新发布积分排名";
}

/// <summary>
/// The audit log's object type (对象) of each entity: one name per entity, whichever service writes the line. The
/// 审计日志 page shows them in Chinese (<see cref="Services.AuditService"/>). Lines written before this rule may carry
/// <see cref="LegacyItem"/> for an item.
/// </summary>
public static class AuditEntityTypes
{
    public const string Item = nameof(InfoItem);
    public const string Attachment = nameof(Entities.Attachment);
    public const string Publication = nameof(Entities.Publication);
    public const string AdoptionForm = nameof(Entities.AdoptionForm);
    public const string Unit = nameof(Entities.Unit);
    public const string User = nameof(AppUser);
    public const string Deduction = nameof(Entities.Deduction);
    public const string UnitGroup = nameof(Entities.UnitGroup);
    public const string QuotaRuleSet = nameof(Entities.QuotaRuleSet);
    public const string Commission = nameof(Entities.Commission);
    /// <summary>领导批示加分规则 (the name of the table the rules had before they were dated, kept for older lines).</summary>
    public const string InstructionRule = "InstructionLevelRule";
    public const string PublishedMonth = nameof(Entities.PublishedMonth);
    /// <summary>重新计算积分: the line's id is the period.</summary>
    public const string Points = nameof(Adoption);

    /// <summary>The item's type in lines written by 采用/驳回 before one name per entity (read, never written).</summary>
    public const string LegacyItem = "公文";

    /// <summary>The stored types that mean an item.</summary>
    public static bool IsItem(string type) => type is Item or LegacyItem;
}
