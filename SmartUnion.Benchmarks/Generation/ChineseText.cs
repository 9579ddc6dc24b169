using System.Text;

namespace SmartUnion.Benchmarks.Generation;

/// <summary>
/// Builds plausible union-news titles and bodies (a few hundred characters) from phrase fragments,
/// so that row sizes, LIKE searches and Excel cell widths behave as with real data.
/// </summary>
internal sealed class ChineseText(Random random)
{
    private static readonly string[] Verbs =
        ["开展", "举办", "召开", "启动", "组织", "推进", "深化", "部署", "表彰", "慰问"];

    private static readonly string[] Topics =
    [
        "“职工技能大赛”", "劳模工匠进企业宣讲", "夏季送清凉", "“两节”送温暖", "职工法律援助", "新就业形态劳动者入会",
        "产业工人队伍建设改革", "女职工权益保护专项集体合同", "职工书屋建设", "户外劳动者服务站点建设",
        "困难职工帮扶", "职工心理健康关爱", "工会会员普惠服务", "基层工会规范化建设", "劳动和技能竞赛",
        "职工疗休养", "安康杯竞赛", "工资集体协商", "职工之家建设", "爱心托管班", "职工文体活动",
        "安全生产月", "工会财务管理培训", "网上工会建设", "职工创新工作室评选",
    ];

    private static readonly string[] TitleSuffixes =
        ["活动", "工作", "专题会议", "推进会", "主题活动", "系列活动", "培训班", "现场会", "", "行动"];

    private static readonly string[] Openings =
    [
        "近日，", "为深入贯彻落实上级工会工作部署，", "日前，", "为进一步增强职工群众获得感、幸福感、安全感，",
        "今年以来，", "为切实维护职工合法权益，", "按照市总工会年度工作安排，", "在全市上下奋力推进高质量发展之际，",
    ];

    private static readonly string[] Subjects =
    [
        "区总工会", "各基层工会", "街道总工会", "园区工会联合会", "企业工会", "工会干部", "一线职工代表",
        "劳模创新工作室成员", "工会女职工委员会", "新就业形态劳动者",
    ];

    private static readonly string[] Actions =
    [
        "围绕中心、服务大局，精心谋划、周密部署",
        "深入企业车间和项目工地走访调研，面对面听取职工意见建议",
        "聚焦职工急难愁盼问题，推出一系列务实举措",
        "组织开展形式多样的宣传教育活动，营造浓厚氛围",
        "积极协调有关部门，建立健全长效工作机制",
        "发挥工会组织优势，凝聚职工力量",
        "以赛促学、以赛促练，不断提升职工技能水平",
        "把党的关怀和工会组织的温暖送到职工心坎上",
        "落实“四个一批”帮扶措施，做到精准识别、精准帮扶",
        "依托线上服务平台，实现服务事项“一网通办”",
    ];

    private static readonly string[] Results =
    [
        "共覆盖职工{0}余人次", "累计发放慰问金{0}万元", "参与企业达{0}家", "受理职工诉求{0}件，办结率百分之百",
        "新建服务站点{0}个", "吸纳新会员{0}名", "开展培训{0}场次", "帮助困难职工{0}户",
    ];

    private static readonly string[] Closings =
    [
        "下一步，将继续深化服务内容，推动工作常态化、长效化。",
        "职工群众纷纷表示，工会真正成为了职工信赖的“娘家人”。",
        "此次活动得到了职工群众的广泛好评。",
        "该项工作有效激发了广大职工的劳动热情和创造活力。",
        "将以此为契机，进一步提升工会工作的针对性和实效性。",
    ];

    private readonly StringBuilder _sb = new(1024);

    public string Title(string unitShortName)
    {
        _sb.Clear();
        _sb.Append(unitShortName).Append(Pick(Verbs)).Append(Pick(Topics)).Append(Pick(TitleSuffixes));
        return _sb.ToString();
    }

    /// <summary>Four to eight sentences (about 200–500 characters) in two or three paragraphs.</summary>
    public string Body(string unitShortName)
    {
        _sb.Clear();
        var sentences = random.Next(4, 9);
        for (var i = 0; i < sentences; i++)
        {
            if (i > 0 && i % 3 == 0) _sb.Append('\n');
            _sb.Append(Pick(Openings)).Append(i == 0 ? unitShortName : Pick(Subjects)).Append(Pick(Actions)).Append('，')
               .AppendFormat(Pick(Results), random.Next(3, 5000)).Append('。');
        }
        _sb.Append(Pick(Closings));
        return _sb.ToString();
    }

    public string DeductionReason() =>
        Pick(["信息报送不及时", "报送信息内容失实", "重复报送同一信息", "未按要求报送月度信息", "信息格式不规范", "迟报重要信息"])
        + "，扣" + Pick(["除相应", "减"]) + "积分";

    private string Pick(string[] options) => options[random.Next(options.Length)];
}
