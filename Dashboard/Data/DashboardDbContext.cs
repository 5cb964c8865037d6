using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Data;

/// <summary>
/// The situation's reports and the accounts allowed to see and change them, in one database: SQLite by default
/// (<see cref="SqliteDashboardDbContext"/>), PostgreSQL for several instances (<see cref="PostgresDashboardDbContext"/>),
/// each with its own migrations.
/// </summary>
public abstract class DashboardDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{

    public DbSet<IncidentEntity> Incidents => Set<IncidentEntity>();
    public DbSet<ReportEntity> Reports => Set<ReportEntity>();
    public DbSet<StagedReportEntity> StagedReports => Set<StagedReportEntity>();
    public DbSet<RetractionEntity> Retractions => Set<RetractionEntity>();
    public DbSet<FigureRetractionEntity> FigureRetractions => Set<FigureRetractionEntity>();
    public DbSet<SourceEntity> Sources => Set<SourceEntity>();
    public DbSet<SourceAliasEntity> SourceAliases => Set<SourceAliasEntity>();
    public DbSet<AuditEntryEntity> Audit => Set<AuditEntryEntity>();
    public DbSet<CredentialEntity> Credentials => Set<CredentialEntity>();
    public DbSet<ChangeEntity> Changes => Set<ChangeEntity>();
    public DbSet<SourceGradeEntity> SourceGrades => Set<SourceGradeEntity>();
    public DbSet<SubscriptionEntity> Subscriptions => Set<SubscriptionEntity>();
    public DbSet<AlertDeliveryEntity> AlertDeliveries => Set<AlertDeliveryEntity>();
    public DbSet<AlertCursorEntity> AlertCursors => Set<AlertCursorEntity>();
    public DbSet<IssuedSitrepEntity> IssuedSitreps => Set<IssuedSitrepEntity>();

    /// <summary>The keys that protect cookies, shared by every instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);

        model.Entity<CredentialEntity>(credential =>
        {
            credential.HasIndex(c => c.SecretHash).IsUnique();
            credential.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            credential.Property(c => c.Name).HasMaxLength(100);
            credential.Property(c => c.SecretHash).HasMaxLength(64);
            credential.Property(c => c.Hint).HasMaxLength(12);
            credential.Property(c => c.CreatedBy).HasMaxLength(200);
            credential.Property(c => c.RevokedBy).HasMaxLength(200);
            credential.Property(c => c.Incidents).HasMaxLength(2000);
        });
        model.Entity<IncidentEntity>(incident =>
        {
            incident.HasIndex(i => i.Slug).IsUnique();
            incident.Property(i => i.Slug).HasMaxLength(64);
            incident.Property(i => i.Name).HasMaxLength(200);
            incident.Property(i => i.HostCountry).HasMaxLength(2);
            incident.Property(i => i.TimeZone).HasMaxLength(64);
            incident.Property(i => i.Location).HasMaxLength(200);
        });

        model.Entity<ReportEntity>(report =>
        {
            report.HasKey(r => r.Sequence);
            report.Property(r => r.Sequence).ValueGeneratedOnAdd();
            report.HasIndex(r => r.Id).IsUnique();
            report.Property(r => r.Id).IsRequired().HasMaxLength(100);
            report.HasOne(r => r.Incident).WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Restrict);

            // Loading what changed since the cached picture (sequence) and as-of lookups by time, per incident.
            report.HasIndex(r => new { r.IncidentId, r.Sequence });
            report.HasIndex(r => new { r.IncidentId, r.ReportedAtUtcTicks });

            report.Property(r => r.SourceName).HasMaxLength(200);
            report.Property(r => r.SourceKind).HasConversion<string>().HasMaxLength(20);
            report.OwnsMany(r => r.Figures, figures =>
            {
                figures.ToJson();
                figures.Property(f => f.Group).HasConversion<string>();
                figures.Property(f => f.Status).HasConversion<string>();
                figures.Property(f => f.Qualifier).HasConversion<string>();
            });
            report.OwnsOne(r => r.Event, e => e.ToJson());
            report.HasOne(r => r.Retraction).WithOne().HasForeignKey<RetractionEntity>(x => x.ReportSequence).OnDelete(DeleteBehavior.Restrict);
            report.HasMany(r => r.FigureRetractions).WithOne().HasForeignKey(x => x.ReportSequence).OnDelete(DeleteBehavior.Restrict);
            report.OwnsMany(r => r.People, people =>
            {
                people.ToJson();
                people.Property(p => p.Status).HasConversion<string>();
            });
        });

        // Mapped as Reports is, column for column: an import's commit copies its rows across with one INSERT … SELECT.
        model.Entity<StagedReportEntity>(staged =>
        {
            staged.HasIndex(s => new { s.Import, s.Position });
            staged.HasIndex(s => s.StagedAtUtcTicks);
            staged.Property(s => s.Import).HasMaxLength(32);
            staged.Property(s => s.ReportId).IsRequired().HasMaxLength(100);
            staged.Property(s => s.SourceName).HasMaxLength(200);
            staged.Property(s => s.SourceKind).HasConversion<string>().HasMaxLength(20);
            staged.OwnsMany(s => s.Figures, figures =>
            {
                figures.ToJson();
                figures.Property(f => f.Group).HasConversion<string>();
                figures.Property(f => f.Status).HasConversion<string>();
                figures.Property(f => f.Qualifier).HasConversion<string>();
            });
            staged.OwnsOne(s => s.Event, e => e.ToJson());
            staged.OwnsMany(s => s.People, people =>
            {
                people.ToJson();
                people.Property(p => p.Status).HasConversion<string>();
            });
        });

        model.Entity<ChangeEntity>(change =>
        {
            change.HasKey(c => c.Sequence);
            change.Property(c => c.Sequence).ValueGeneratedOnAdd();
            change.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
            change.HasOne(c => c.Incident).WithMany().HasForeignKey(c => c.IncidentId).OnDelete(DeleteBehavior.Restrict);
            change.HasOne(c => c.Report).WithMany().HasForeignKey(c => c.ReportSequence).OnDelete(DeleteBehavior.Restrict);
            change.HasOne(c => c.LastReport).WithMany().HasForeignKey(c => c.LastReportSequence).OnDelete(DeleteBehavior.Restrict);
            change.HasOne(c => c.SourceGrade).WithMany().HasForeignKey(c => c.SourceGradeId).OnDelete(DeleteBehavior.Restrict);
            change.HasOne(c => c.Source).WithMany().HasForeignKey(c => c.SourceId).OnDelete(DeleteBehavior.Restrict);
            // A picture catches up with its incident's changes after its cursor; the catalogue with incidents' own
            // (created, ended), which a partial index keeps apart at no cost to the report rows.
            change.HasIndex(c => new { c.IncidentId, c.Sequence });
            change.HasIndex(c => c.Sequence, "IX_Changes_OfIncidents").HasFilter("\"Kind\" IN ('IncidentCreated', 'IncidentEnded')");
        });

        model.Entity<SourceGradeEntity>(grade =>
        {
            grade.HasIndex(g => new { g.IncidentId, g.SourceKey }).IsUnique();
            grade.HasOne(g => g.Incident).WithMany().HasForeignKey(g => g.IncidentId).OnDelete(DeleteBehavior.Restrict);
            grade.Property(g => g.SourceKey).HasMaxLength(200);
            grade.Property(g => g.SourceName).HasMaxLength(200);
            grade.Property(g => g.Reliability).HasMaxLength(1);
            grade.Property(g => g.GradedBy).HasMaxLength(200);
        });

        model.Entity<AuditEntryEntity>(audit =>
        {
            audit.ToTable("AuditEntries");
            audit.HasIndex(a => a.AtUtcTicks);
            audit.Property(a => a.Actor).HasMaxLength(200);
            audit.Property(a => a.Address).HasMaxLength(64);
            audit.Property(a => a.Action).HasMaxLength(50);
            audit.Property(a => a.Incident).HasMaxLength(64);
            audit.Property(a => a.Detail).HasMaxLength(2000);
        });

        model.Entity<SourceEntity>(source =>
        {
            source.HasOne(s => s.Incident).WithMany().HasForeignKey(s => s.IncidentId).OnDelete(DeleteBehavior.Restrict);
            source.Property(s => s.Name).HasMaxLength(200);
            source.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
            source.HasOne(s => s.Relays).WithMany().HasForeignKey(s => s.RelaysId).OnDelete(DeleteBehavior.Restrict);
            source.HasMany(s => s.Aliases).WithOne().HasForeignKey(a => a.SourceId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<SourceAliasEntity>(alias =>
        {
            alias.HasIndex(a => new { a.IncidentId, a.Key }).IsUnique();
            alias.Property(a => a.Key).HasMaxLength(200);
            alias.Property(a => a.Name).HasMaxLength(200);
        });

        model.Entity<FigureRetractionEntity>(retraction =>
        {
            retraction.HasIndex(r => new { r.ReportSequence, r.FigureIndex }).IsUnique();
            retraction.Property(r => r.Reason).HasMaxLength(2000);
            retraction.Property(r => r.RetractedBy).HasMaxLength(200);
        });

        model.Entity<SubscriptionEntity>(subscription =>
        {
            subscription.HasIndex(s => s.Owner);
            subscription.Property(s => s.Owner).HasMaxLength(200);
            subscription.Property(s => s.Incident).HasMaxLength(64);
            subscription.Property(s => s.Countries).HasMaxLength(1000);
            subscription.Property(s => s.Groups).HasMaxLength(200);
            subscription.Property(s => s.Statuses).HasMaxLength(200);
            subscription.Property(s => s.Changes).HasMaxLength(200);
            subscription.Property(s => s.Channel).HasMaxLength(20);
            subscription.Property(s => s.Target).HasMaxLength(2000);
            subscription.Property(s => s.Secret).HasMaxLength(100);
        });

        model.Entity<IssuedSitrepEntity>(sitrep =>
        {
            // One number per incident: two instances issuing at once cannot both take it.
            sitrep.HasIndex(s => new { s.IncidentId, s.Number }).IsUnique();
            sitrep.Property(s => s.Author).HasMaxLength(200);
            sitrep.Property(s => s.Countries).HasMaxLength(1000);
            sitrep.Property(s => s.Summary).HasMaxLength(4000);
            sitrep.Property(s => s.Marking).HasMaxLength(100);
            sitrep.Property(s => s.Sha256).HasMaxLength(64);
        });

        model.Entity<AlertDeliveryEntity>(delivery =>
        {
            delivery.HasKey(d => d.Number);
            delivery.Property(d => d.Number).ValueGeneratedOnAdd();
            delivery.HasIndex(d => d.Id).IsUnique();
            delivery.Property(d => d.Id).HasMaxLength(64);
            // The sender's queue (what is due), the pages' banners (unacknowledged, by owner) and the log (newest first).
            delivery.HasIndex(d => new { d.Status, d.NextAttemptAtUtcTicks });
            delivery.HasIndex(d => new { d.Owner, d.Channel, d.AcknowledgedAtUtcTicks });
            delivery.Property(d => d.Owner).HasMaxLength(200);
            delivery.Property(d => d.Incident).HasMaxLength(64);
            delivery.Property(d => d.Channel).HasMaxLength(20);
            delivery.Property(d => d.Target).HasMaxLength(2000);
            delivery.Property(d => d.Status).HasMaxLength(20);
            delivery.Property(d => d.LastError).HasMaxLength(1000);
            delivery.Property(d => d.AcknowledgedBy).HasMaxLength(200);
        });

        model.Entity<AlertCursorEntity>(cursor =>
        {
            cursor.Property(c => c.Id).HasMaxLength(20);
            cursor.Property(c => c.Holder).HasMaxLength(100);
        });

        model.Entity<RetractionEntity>(retraction =>
        {
            retraction.HasIndex(r => r.ReportSequence).IsUnique();
            retraction.Property(r => r.Reason).HasMaxLength(2000);
            retraction.Property(r => r.RetractedBy).HasMaxLength(200);
        });
    }
}
