using Microsoft.Extensions.Logging;

namespace SmartUnion.Domain.Services;

/// <summary>
/// The structured log lines of the point-changing operations: one line per adoption change, rejection and
/// deduction change, with the acting user's id and the object's id as named properties (event ids 2001–2003),
/// so that operators can search the logs as well as the audit table. Written after the commit.
/// </summary>
public static partial class DomainLog
{
    public const int AdoptionChangedId = 2001;
    public const int ItemRejectedId = 2002;
    public const int DeductionChangedId = 2003;

    [LoggerMessage(EventId = AdoptionChangedId, EventName = "AdoptionChanged", Level = LogLevel.Information,
        Message = "{Action}: 用户 {UserId}({UserName}) 公文 {ItemId} 单位 {UnitId} 期刊 {PublicationId} 采用形式 {AdoptionFormId} 采用年 {Year} 采用期次 {Issue} 分值 {Points}")]
    public static partial void AdoptionChanged(ILogger logger, string action, string userId, string userName, int itemId, int unitId,
        int publicationId, int adoptionFormId, int? year, int? issue, decimal points);

    [LoggerMessage(EventId = ItemRejectedId, EventName = "ItemRejected", Level = LogLevel.Information,
        Message = "{Action}: 用户 {UserId}({UserName}) 公文 {ItemId} 单位 {UnitId} 理由 {Reason}")]
    public static partial void ItemRejected(ILogger logger, string action, string userId, string userName, int itemId, int unitId, string reason);

    [LoggerMessage(EventId = DeductionChangedId, EventName = "DeductionChanged", Level = LogLevel.Information,
        Message = "{Action}: 用户 {UserId}({UserName}) 扣分 {DeductionId} 单位 {UnitId} 分值 {Points} 日期 {Date}")]
    public static partial void DeductionChanged(ILogger logger, string action, string userId, string userName, int deductionId, int unitId,
        decimal points, DateOnly date);
}
