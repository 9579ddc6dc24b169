using SmartUnion.Domain.Entities;

namespace SmartUnion.Domain.Data.Seeding;

/// <summary>The Suzhou units and the default publications, forms and points an admin then changes in 系统设置.</summary>
public static class ReferenceData
{
    public const string CityUnitName = "苏州市总工会";

    public static readonly (string Name, string ShortName)[] Districts =
    [
        ("姑苏区总工会", "姑苏区总"),
        ("吴中区总工会", "吴中区总"),
        ("相城区总工会", "相城区总"),
        ("吴江区总工会", "吴江区总"),
        ("虎丘区（高新区）总工会", "高新区总"),
        ("苏州工业园区总工会", "工业园区总"),
        ("常熟市总工会", "常熟市总"),
        ("张家港市总工会", "张家港市总"),
        ("昆山市总工会", "昆山市总"),
        ("太仓市总工会", "太仓市总"),
    ];

    public static readonly (string Name, PublicationLevel Level, PublicationKind Kind, (string Form, int Points)[] Forms)[] Publications =
    [
        ("《苏州工会信息》", PublicationLevel.City, PublicationKind.Periodical, [("正文", 5), ("简讯", 3), ("专刊", 5), ("图片", 2)]),
        ("苏州工会网", PublicationLevel.City, PublicationKind.Website, [("文字", 2), ("图片", 1)]),
        ("市委《苏州信息》", PublicationLevel.City, PublicationKind.Periodical, [("正文", 8), ("简讯", 4)]),
        ("市总综合录用", PublicationLevel.City, PublicationKind.Channel, [("录用", 4)]),
        ("江苏工会信息", PublicationLevel.Province, PublicationKind.Periodical, [("正文", 10), ("简讯", 5)]),
        ("江苏工会网", PublicationLevel.Province, PublicationKind.Website, [("文字", 3), ("图片", 2)]),
        ("《江苏工运》", PublicationLevel.Province, PublicationKind.Periodical, [("正文", 10), ("简讯", 5)]),
        ("省总综合录用", PublicationLevel.Province, PublicationKind.Channel, [("录用", 8)]),
        ("《工会信息》", PublicationLevel.National, PublicationKind.Periodical, [("正文", 20), ("简讯", 10)]),
    ];

    /// <summary>Demo accounts: user name, display name, role, unit short name. All share <see cref="DemoPassword"/>.</summary>
    public const string DemoPassword = "Szgh@2026";

    public static readonly (string UserName, string DisplayName, string Role, string UnitShortName)[] DemoUsers =
    [
        ("gusu", "姑苏区总报送员", Roles.Reporter, "姑苏区总"),
        ("wuzhong", "吴中区总报送员", Roles.Reporter, "吴中区总"),
        ("xiangcheng", "相城区总报送员", Roles.Reporter, "相城区总"),
        ("wujiang", "吴江区总报送员", Roles.Reporter, "吴江区总"),
        ("gaoxin", "高新区总报送员", Roles.Reporter, "高新区总"),
        ("yuanqu", "工业园区总报送员", Roles.Reporter, "工业园区总"),
        ("changshu", "常熟市总报送员", Roles.Reporter, "常熟市总"),
        ("zhangjiagang", "张家港市总报送员", Roles.Reporter, "张家港市总"),
        ("kunshan", "昆山市总报送员", Roles.Reporter, "昆山市总"),
        ("taicang", "太仓市总报送员", Roles.Reporter, "太仓市总"),
        ("shenhe", "市总审核员", Roles.Reviewer, "苏州市总工会"),
        ("admin", "系统管理员", Roles.Admin, "苏州市总工会"),
    ];
}
