#include "commands.h"
#include "ops/revision_ops.h"
#include "schema/autogenerate.h"
#include "script/post_write_hooks.h"
#include "script/revision_layout.h"
#include "script/revision_writer.h"

namespace retort::cli {
namespace {

Result<RevisionLayout> layout(CliContext& ctx) {
  RETORT_ASSIGN_OR_RETURN(const Config* config, ctx.config());
  return revision_layout(config->revisions);
}

// Writes the new file and runs the post write hooks on it; with --dry-run prints it to stdout instead.
Status publish(CliContext& ctx, const NewRevision& rev, const std::string& text, bool dry_run) {
  if (dry_run) {
    ctx.out << text << std::flush;
    if (!ctx.options.quiet) ctx.err << "  (dry run: " << rev.file.string() << " was not written)\n";
    return Status();
  }
  RETORT_TRY(write_revision(rev, text));
  ctx.err << "  Generating " << rev.file.string() << " ...  done\n" << std::flush;
  RETORT_ASSIGN_OR_RETURN(const Config* config, ctx.config());
  return run_post_write_hooks(config->revisions.post_write_hooks, rev.file, ctx.options.quiet ? nullptr : &ctx.err);
}

Status generate(CliContext& ctx, const RevisionRequest& request, bool dry_run) {
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, ctx.scripts());
  RETORT_ASSIGN_OR_RETURN(RevisionLayout style, layout(ctx));
  RETORT_ASSIGN_OR_RETURN(NewRevision rev, plan_revision(*scripts, request, style.naming));
  RETORT_ASSIGN_OR_RETURN(std::string text, style.text(rev));
  return publish(ctx, rev, text, dry_run);
}

struct AutogenerateFlags {
  bool autogenerate = false;
  bool from_db = false;
  bool allow_destructive = false;
  bool dry_run = false;
};

Status autogenerate_cmd(CliContext& ctx, const RevisionRequest& request, const AutogenerateFlags& flags) {
  RETORT_ASSIGN_OR_RETURN(const PluginHost* plugins, ctx.plugins());
  RETORT_ASSIGN_OR_RETURN(const OpCatalogue* catalogue, ctx.catalogue());
  // Against the tree (not --from-db), a fleet's members all compare alike: the fleet is compared once.
  RETORT_ASSIGN_OR_RETURN(auto dbs, flags.from_db ? ctx.databases() : ctx.database_definitions());
  RETORT_ASSIGN_OR_RETURN(const Config* config, ctx.config());
  std::vector<const DatabaseConfig*> all;
  for (const auto& db : config->databases) all.push_back(&db);
  for (const auto& fleet : config->fleets) all.push_back(&fleet.member);
  RETORT_ASSIGN_OR_RETURN(const CheckedScripts* scripts, ctx.checked_scripts());
  if (flags.from_db) ctx.note_new_sqlite_files(dbs);
  AutogenerateRequest req;
  req.revision = request;
  req.from_db = flags.from_db;
  req.diff.allow_destructive = flags.allow_destructive;
  const ComparisonContext comparison{*scripts, *plugins, *catalogue, ctx.run_options()};
  RETORT_ASSIGN_OR_RETURN(RevisionLayout style, layout(ctx));
  RETORT_ASSIGN_OR_RETURN(AutogenerateOutcome outcome, autogenerate(comparison, dbs, all, req, style));
  if (!ctx.options.quiet)
    for (const auto& note : outcome.notes) ctx.err << "  " << note << "\n";
  if (!outcome.ready) return Status();
  return publish(ctx, outcome.revision, outcome.text, flags.dry_run);
}

}  // namespace

void add_revision_commands(CLI::App& app, CliContext& ctx, Action& action) {
  auto req = std::make_shared<RevisionRequest>();
  auto* rev = app.add_subcommand("revision", "Create a new revision file");
  rev->add_option("-m,--message", req->message, "Message (also names the file)");
  rev->add_option("--head", req->head, "Revision to build on: head (default), base, an id, or LABEL@head");
  rev->add_flag("--splice", req->splice, "Allow --head to name a revision that is not a head (starts a branch)");
  rev->add_option("--branch-label", req->branch_labels, "Branch label for the new revision");
  rev->add_option("--depends-on", req->depends_on, "Revision or label the new revision depends on");
  rev->add_option("--rev-id", req->rev_id, "Revision id to use instead of a random one");
  rev->add_option("--version-path", req->version_path, "Version location to write the file in");
  auto flags = std::make_shared<AutogenerateFlags>();
  rev->add_flag("--autogenerate", flags->autogenerate,
                "Write the operations that take the tree to the declared schema (schema = [...] in the config)");
  rev->add_flag("--from-db", flags->from_db, "With --autogenerate: compare with the live databases, not the tree");
  rev->add_flag("--allow-destructive", flags->allow_destructive,
                "With --autogenerate: also write drop_table and drop_column");
  rev->add_flag("--dry-run", flags->dry_run,
                "Print the file to stdout instead of writing it (no folder is made, no post write hook runs)");
  rev->footer("[retort] file_template, truncate_slug_length, timezone, revision_template and\n"
              "[[retort.post_write_hooks]] in the config decide how the file is named and written.");
  rev->callback([&ctx, &action, req, flags] {
    if ((flags->from_db || flags->allow_destructive) && !flags->autogenerate)
      throw CLI::ValidationError("--from-db and --allow-destructive go with --autogenerate");
    action = [&ctx, req, flags] {
      return flags->autogenerate ? autogenerate_cmd(ctx, *req, *flags) : generate(ctx, *req, flags->dry_run);
    };
  });

  auto merge_req = std::make_shared<RevisionRequest>();
  auto* merge = app.add_subcommand("merge", "Create a revision that merges two or more revisions");
  merge->add_option("REVISIONS", merge_req->merge_of, "Revisions to merge (\"heads\" for all heads)")->required();
  merge->add_option("-m,--message", merge_req->message, "Message");
  merge->add_option("--branch-label", merge_req->branch_labels, "Branch label for the merge revision");
  merge->add_option("--rev-id", merge_req->rev_id, "Revision id to use instead of a random one");
  auto merge_dry_run = std::make_shared<bool>(false);
  merge->add_flag("--dry-run", *merge_dry_run, "Print the file to stdout instead of writing it");
  merge->callback([&ctx, &action, merge_req, merge_dry_run] {
    action = [&ctx, merge_req, merge_dry_run] { return generate(ctx, *merge_req, *merge_dry_run); };
  });
}

}  // namespace retort::cli
