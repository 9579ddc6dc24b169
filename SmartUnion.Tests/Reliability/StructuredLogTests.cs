using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartUnion.Domain.Entities;
using SmartUnion.Domain.Services;
using SmartUnion.Tests.Infrastructure;

namespace SmartUnion.Tests.Reliability;

/// <summary>Every point-changing operation writes one structured log line naming the user and the object.</summary>
public class StructuredLogTests
{
    [Fact]
    public async Task AdoptUnadoptCorrectRejectAndDeductionChangesEachLogOneLineWithUserAndObjectIds()
    {
        var logs = new CapturingLoggerProvider();
        await using var t = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<ILoggerProvider>(logs));
        var reporter = await t.CreateUserAsync("log-reporter", "姑苏区总", Roles.Reporter);
        var reviewer = await t.CreateUserAsync("log-reviewer", SmartUnion.Domain.Data.Seeding.ReferenceData.CityUnitName, Roles.Reviewer);
        var items = t.Get<ItemService>();
        var adoption = t.Get<AdoptionService>();
        var a = (await items.CreateAsync(reporter, new ItemInput { Title = "日志甲", Body = "正文", Category = InfoCategory.General })).Id;
        var b = (await items.CreateAsync(reporter, new ItemInput { Title = "日志乙", Body = "正文", Category = InfoCategory.General })).Id;
        await items.ReportAsync(reporter, [a, b]);

        var detail = await adoption.GetDetailAsync(reviewer, a);
        var website = detail.Rows.First(r => r.IsActive && !r.HasIssues);
        var periodical = detail.Rows.First(r => r.IsActive && r.HasIssues);
        var saved = await adoption.SaveAdoptionsAsync(reviewer, a, detail.Version,
            [new AdoptionChoice(website.PublicationId, website.AdoptionFormId), new AdoptionChoice(periodical.PublicationId, periodical.AdoptionFormId, 2026, 3)]);
        saved = await adoption.SaveAdoptionsAsync(reviewer, a, saved.Version, [new AdoptionChoice(periodical.PublicationId, periodical.AdoptionFormId, 2026, 4)]);
        await adoption.RejectAsync(reviewer, b, null, "请补充数据");
        await Assert.ThrowsAsync<DomainException>(() => adoption.RejectAsync(reviewer, a, null, "已录用，拒绝")); // refused: no line

        var deductions = t.Get<DeductionService>();
        var unitId = await t.UnitIdAsync("吴中区总");
        var d = await deductions.CreateAsync(reviewer, new DeductionInput(unitId, 5, "迟报", new DateOnly(2026, 11, 1)));
        await deductions.UpdateAsync(reviewer, d, new DeductionInput(unitId, 6, "迟报", new DateOnly(2026, 11, 2)));
        await deductions.DeleteAsync(reviewer, d);

        var adoptionLines = logs.Lines.Where(l => l.EventId.Id == DomainLog.AdoptionChangedId).ToList();
        Assert.Equal([AuditActions.Adopt, AuditActions.Adopt, AuditActions.Unadopt, AuditActions.AdoptCorrect],
            adoptionLines.Select(l => (string)l["Action"]!).ToArray());
        Assert.All(adoptionLines, l =>
        {
            Assert.Equal(reviewer.UserId, l["UserId"]);
            Assert.Equal(a, l["ItemId"]);
            Assert.Equal(reporter.UnitId, l["UnitId"]);
            Assert.Equal(LogLevel.Information, l.Level);
        });
        Assert.Equal(website.AdoptionFormId, adoptionLines[2]["AdoptionFormId"]);
        Assert.Equal(4, adoptionLines[3]["Issue"]);

        var rejection = Assert.Single(logs.Lines, l => l.EventId.Id == DomainLog.ItemRejectedId);
        Assert.Equal((reviewer.UserId, b, "请补充数据"), ((string)rejection["UserId"]!, (int)rejection["ItemId"]!, (string)rejection["Reason"]!));

        var deductionLines = logs.Lines.Where(l => l.EventId.Id == DomainLog.DeductionChangedId).ToList();
        Assert.Equal([AuditActions.DeductionCreate, AuditActions.DeductionUpdate, AuditActions.DeductionDelete],
            deductionLines.Select(l => (string)l["Action"]!).ToArray());
        Assert.All(deductionLines, l => Assert.Equal((reviewer.UserId, d, unitId), ((string)l["UserId"]!, (int)l["DeductionId"]!, (int)l["UnitId"]!)));
        Assert.Equal([5m, 6m, 6m], deductionLines.Select(l => (decimal)l["Points"]!).ToArray());
        Assert.Contains(reviewer.UserId, deductionLines[0].Message);
    }

    private sealed record LogLine(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, object?> Properties)
    {
        public object? this[string name] => Properties.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"{name} not in {Message}");
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<LogLine> lines = new();
        public IReadOnlyList<LogLine> Lines => lines.ToList();
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);
        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                    ? pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value)
                    : [];
                lines.Enqueue(new LogLine(category, logLevel, eventId, formatter(state, exception), properties));
            }
        }
    }
}
