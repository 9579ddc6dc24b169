using System.ComponentModel.DataAnnotations;

namespace SmartUnion.Domain.Entities;

/// <summary>信息分类.</summary>
public enum InfoCategory
{
    [Display(Name = "一般信息")] General = 1,
    [Display(Name = "社情民意信息")] PublicOpinion = 2,
    [Display(Name = "职工思想动态")] WorkerThoughts = 3,
    [Display(Name = "综合调研信息")] Research = 4,
}

/// <summary>The four states of an information item.</summary>
public enum ItemState
{
    [Display(Name = "未上报")] Draft = 0,
    [Display(Name = "已上报")] Reported = 1,
    [Display(Name = "已录用")] Adopted = 2,
    [Display(Name = "已驳回")] Rejected = 3,
}

/// <summary>所属市区: the level of a publication.</summary>
public enum PublicationLevel
{
    [Display(Name = "市级")] City = 1,
    [Display(Name = "省级")] Province = 2,
    [Display(Name = "国家级")] National = 3,
}

/// <summary>A periodical has years and issue numbers; a website or channel has neither.</summary>
public enum PublicationKind
{
    [Display(Name = "期刊")] Periodical = 1,
    [Display(Name = "网站")] Website = 2,
    [Display(Name = "综合录用")] Channel = 3,
}

public static class EnumText
{
    public static string Text(this InfoCategory c) => c switch
    {
        InfoCategory.General => "一般信息",
        InfoCategory.PublicOpinion => "社情民意信息",
        InfoCategory.WorkerThoughts => "职工思想动态",
        InfoCategory.Research => "综合调研信息",
        _ => c.ToString(),
    };

    public static string Text(this ItemState s) => s switch
    {
        ItemState.Draft => "未上报",
        ItemState.Reported => "已上报",
        ItemState.Adopted => "已录用",
        ItemState.Rejected => "已驳回",
        _ => s.ToString(),
    };

    public static string Text(this PublicationLevel l) => l switch
    {
        PublicationLevel.City => "市级",
        PublicationLevel.Province => "省级",
        PublicationLevel.National => "国家级",
        _ => l.ToString(),
    };

    public static string Text(this PublicationKind k) => k switch
    {
        PublicationKind.Periodical => "期刊",
        PublicationKind.Website => "网站",
        PublicationKind.Channel => "综合录用",
        _ => k.ToString(),
    };
}

/// <summary>A <see cref="Deduction"/> record takes points away (扣分) or, from a confirmed 完成任务加分, adds them (加分); its points are always positive.</summary>
public enum DeductionKind
{
    [Display(Name = "扣分")] Deduction = 0,
    [Display(Name = "加分")] Bonus = 1,
}

public static class QuotaText
{
    public static string Text(this DeductionKind k) => k == DeductionKind.Bonus ? "加分" : "扣分";

    public static string Text(this QuotaEntryKind k) => k switch
    {
        QuotaEntryKind.Shortfall => "缺报扣分",
        QuotaEntryKind.QuotaMet => "完成任务加分",
        QuotaEntryKind.UnansweredCommission => "约稿未回应扣分",
        _ => k.ToString(),
    };
}
