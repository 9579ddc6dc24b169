namespace SmartUnion.Domain.Entities;

/// <summary>批示级别.</summary>
public enum InstructionLevel
{
    /// <summary>区县领导批示.</summary>
    District = 1,
    /// <summary>市领导批示.</summary>
    City = 2,
    /// <summary>省领导批示.</summary>
    Province = 3,
    /// <summary>国家领导批示.</summary>
    National = 4,
}

/// <summary>领导批示 on a reported or adopted item; <see cref="PointsHundredths"/> is the level's bonus at recording (a snapshot).</summary>
public class Instruction
{
    public const int LeaderMaxLength = 50;
    public const int TextMaxLength = 2000;

    public int Id { get; set; }
    public int InfoItemId { get; set; }
    public InfoItem? InfoItem { get; set; }
    /// <summary>The item's unit, copied like <see cref="Adoption.UnitId"/>.</summary>
    public int UnitId { get; set; }
    public InstructionLevel Level { get; set; }
    /// <summary>领导职务.</summary>
    public string LeaderTitle { get; set; } = "";
    /// <summary>领导姓名.</summary>
    public string LeaderName { get; set; } = "";
    /// <summary>批示日期, a China calendar date: the bonus counts on this day.</summary>
    public DateOnly Date { get; set; }
    /// <summary>批示内容.</summary>
    public string Text { get; set; } = "";
    public string CreatedById { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>批示加分 in hundredths (column "Points").</summary>
    public long PointsHundredths { get; set; }
    public Points Points { get => new(PointsHundredths); set => PointsHundredths = value.Hundredths; }

    /// <summary>The level's Chinese name: 区县 / 市 / 省 / 国家.</summary>
    public static string LevelName(InstructionLevel level) => level switch
    {
        InstructionLevel.District => "区县",
        InstructionLevel.City => "市",
        InstructionLevel.Province => "省",
        InstructionLevel.National => "国家",
        _ => level.ToString(),
    };
}
