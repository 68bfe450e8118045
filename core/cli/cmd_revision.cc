#include "commands.h"
#include "ops/revision_ops.h"
#include "schema/autogenerate.h"
#include "script/revision_writer.h"

namespace retort::cli {
namespace {

Status generate(CliContext& ctx, const RevisionRequest& request) {
  RETORT_ASSIGN_OR_RETURN(const ScriptDirectory* scripts, ctx.scripts());
  RETORT_ASSIGN_OR_RETURN(NewRevision rev, plan_revision(*scripts, request));
  RETORT_TRY(write_revision(rev, utc_now_iso()));
  ctx.err << "  Generating " << rev.file.string() << " ...  done\n";
  return Status();
}

struct AutogenerateFlags {
  bool autogenerate = false;
  bool from_db = false;
  bool allow_destructive = false;
};

Status autogenerate_cmd(CliContext& ctx, const RevisionRequest& request, const AutogenerateFlags& flags) {
  RETORT_ASSIGN_OR_RETURN(const PluginHost* plugins, ctx.plugins());
  RETORT_ASSIGN_OR_RETURN(const OpCatalogue* catalogue, ctx.catalogue());
  RETORT_ASSIGN_OR_RETURN(auto dbs, ctx.databases());
  RETORT_ASSIGN_OR_RETURN(const Config* config, ctx.config());
  std::vector<const DatabaseConfig*> all;
  for (const auto& db : config->databases) all.push_back(&db);
  RETORT_ASSIGN_OR_RETURN(const CheckedScripts* scripts, ctx.checked_scripts());
  AutogenerateRequest req;
  req.revision = request;
  req.from_db = flags.from_db;
  req.diff.allow_destructive = flags.allow_destructive;
  const ComparisonContext comparison{*scripts, *plugins, *catalogue, ctx.run_options()};
  RETORT_ASSIGN_OR_RETURN(AutogenerateOutcome outcome, autogenerate(comparison, dbs, all, req, utc_now_iso()));
  if (!ctx.options.quiet)
    for (const auto& note : outcome.notes) ctx.err << "  " << note << "\n";
  if (outcome.written) ctx.err << "  Generating " << outcome.revision.file.string() << " ...  done\n";
  return Status();
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
  rev->callback([&ctx, &action, req, flags] {
    if ((flags->from_db || flags->allow_destructive) && !flags->autogenerate)
      throw CLI::ValidationError("--from-db and --allow-destructive go with --autogenerate");
    action = [&ctx, req, flags] { return flags->autogenerate ? autogenerate_cmd(ctx, *req, *flags) : generate(ctx, *req); };
  });

  auto merge_req = std::make_shared<RevisionRequest>();
  auto* merge = app.add_subcommand("merge", "Create a revision that merges two or more revisions");
  merge->add_option("REVISIONS", merge_req->merge_of, "Revisions to merge (\"heads\" for all heads)")->required();
  merge->add_option("-m,--message", merge_req->message, "Message");
  merge->add_option("--branch-label", merge_req->branch_labels, "Branch label for the merge revision");
  merge->add_option("--rev-id", merge_req->rev_id, "Revision id to use instead of a random one");
  merge->callback([&ctx, &action, merge_req] { action = [&ctx, merge_req] { return generate(ctx, *merge_req); }; });
}

}  // namespace retort::cli
