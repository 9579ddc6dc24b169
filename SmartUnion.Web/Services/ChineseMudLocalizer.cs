using Microsoft.Extensions.Localization;
using MudBlazor;

namespace SmartUnion.Web.Services;

/// <summary>MudBlazor's own texts (pager, grid, pickers, upload) in Simplified Chinese.</summary>
public sealed class ChineseMudLocalizer : MudLocalizer
{
    private static readonly Dictionary<string, string> Texts = new()
    {
        ["MudDataGridPager_AllItems"] = "全部",
        ["MudDataGridPager_FirstPage"] = "首页",
        ["MudDataGridPager_InfoFormat"] = "第 {first_item}-{last_item} 条，共 {all_items} 条",
        ["MudDataGridPager_LastPage"] = "末页",
        ["MudDataGridPager_NextPage"] = "下一页",
        ["MudDataGridPager_PreviousPage"] = "上一页",
        ["MudDataGridPager_RowsPerPage"] = "每页条数:",
        ["MudTablePager_FirstPage"] = "首页",
        ["MudTablePager_LastPage"] = "末页",
        ["MudTablePager_NextPage"] = "下一页",
        ["MudTablePager_PreviousPage"] = "上一页",
        ["MudTable_Loading"] = "加载中…",
        ["MudTable_SelectAllRows"] = "全选",
        ["MudTable_SelectRow"] = "选择行",
        ["MudDataGrid_Loading"] = "加载中…",
        ["MudDataGrid_SelectAllRows"] = "全选",
        ["MudDataGrid_SelectRow"] = "选择行",
        ["MudDataGrid_Sort"] = "排序",
        ["MudDataGrid_Unsort"] = "取消排序",
        ["MudDataGrid_Filter"] = "筛选",
        ["MudDataGrid_Apply"] = "应用",
        ["MudDataGrid_Cancel"] = "取消",
        ["MudDataGrid_Clear"] = "清除",
        ["MudDataGrid_Save"] = "保存",
        ["MudDataGrid_Columns"] = "列",
        ["MudDataGrid_Column"] = "列",
        ["MudDataGrid_Hide"] = "隐藏",
        ["MudDataGrid_ShowAll"] = "全部显示",
        ["MudDataGrid_HideAll"] = "全部隐藏",
        ["MudDataGrid_RefreshData"] = "刷新",
        ["MudPagination_FirstPage"] = "首页",
        ["MudPagination_LastPage"] = "末页",
        ["MudPagination_NextPage"] = "下一页",
        ["MudPagination_PreviousPage"] = "上一页",
        ["MudPagination_CurrentPage"] = "当前页 {0}",
        ["MudPagination_PageIndex"] = "第 {0} 页",
        ["MudBaseDatePicker_NextMonth"] = "下个月",
        ["MudBaseDatePicker_PrevMonth"] = "上个月",
        ["MudBaseDatePicker_NextYear"] = "下一年",
        ["MudBaseDatePicker_PrevYear"] = "上一年",
        ["MudBaseDatePicker_Open"] = "打开日期选择",
        ["MudDateRangePicker_Start"] = "开始日期",
        ["MudDateRangePicker_End"] = "结束日期",
        ["MudDialog_Close"] = "关闭",
        ["MudSnackbar_Close"] = "关闭",
        ["MudAlert_Close"] = "关闭",
        ["MudChip_Close"] = "移除",
        ["MudInput_Clear"] = "清除",
        ["MudInput_Increment"] = "增加",
        ["MudInput_Decrement"] = "减少",
        ["MudSelect_SelectAll"] = "全选",
        ["MudFileUpload_Button"] = "选择文件",
        ["MudFileUpload_DragAndDrop"] = "拖放文件到此处",
        ["MudFileUpload_FileSizeError"] = "文件过大",
        ["MudFileUpload_MaximumFileCountExceeded"] = "文件数量超过上限",
        ["MudFormComponent_Required"] = "必填",
        ["MudNavGroup_ToggleExpand"] = "展开/折叠",
        ["MudTimePicker_Open"] = "打开时间选择",
        ["MudTreeView_ExpandItem"] = "展开",
        ["MudTreeView_CollapseItem"] = "折叠",
        // Conversion errors of typed text (e.g. "abc" or "1e99" in a numeric field such as 扣分分值).
        ["Converter_InvalidNumber"] = "请输入有效的数字",
        ["Converter_NotValueOf"] = "请输入有效的值",
        ["Converter_InvalidDateTime"] = "请输入有效的日期",
        ["Converter_InvalidTimeSpan"] = "请输入有效的时间",
        ["Converter_InvalidGUID"] = "请输入有效的编号",
        ["Converter_InvalidBoolean"] = "请输入“是”或“否”",
        ["Converter_InvalidType"] = "输入的类型无效",
        ["Converter_ConversionNotImplemented"] = "无法识别输入的内容",
        ["Converter_ConversionError"] = "无法识别输入的内容",
        ["Converter_ConversionFailed"] = "无法识别输入的内容",
        ["Converter_UnableToConvert"] = "无法识别输入的内容",
    };

    public override LocalizedString this[string key] =>
        Texts.TryGetValue(key, out var text) ? new LocalizedString(key, text) : base[key];

    // Texts with named placeholders ({first_item}) are filled in by MudBlazor itself, which still calls
    // this indexer (MudTablePager): only positional texts go through string.Format.
    public override LocalizedString this[string key, params object[] arguments] =>
        Texts.TryGetValue(key, out var text)
            ? new LocalizedString(key, arguments.Length == 0 || !text.Contains("{0")
                ? text
                : string.Format(System.Globalization.CultureInfo.CurrentCulture, text, arguments))
            : base[key, arguments];
}
