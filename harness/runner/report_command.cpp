#include "harness/runner/report_command.hpp"

#include "harness/core/error.hpp"
#include "harness/report/json_writer.hpp"
#include "harness/report/junit_merge.hpp"
#include "harness/report/report_writer.hpp"
#include "harness/report/run_merge.hpp"
#include "harness/runner/report_diff_command.hpp"

#include <iostream>
#include <memory>

namespace athil::report {
namespace {

struct merge_options {
    std::vector<std::filesystem::path> inputs;
    std::filesystem::path output;
};

bool all_with_extension(const std::vector<std::filesystem::path>& files, const char* extension) {
    for (const auto& f : files) {
        if (f.extension() != extension) {
            return false;
        }
    }
    return true;
}

// The parts' results.json merged on the model: all three reports, as a run writes them.
void merge_results(const merge_options& o) {
    std::vector<run_result> parts;
    for (const auto& f : o.inputs) {
        parts.push_back(read_results_json(f));
    }
    auto merged = merge_runs(parts, std::chrono::milliseconds(0));
    merged.metadata.parts.clear();
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto page = o.inputs[i].parent_path() / "report.html";
        const auto link = std::filesystem::exists(page)
                              ? std::filesystem::relative(std::filesystem::absolute(page),
                                                          std::filesystem::absolute(o.output))
                                    .string()
                              : std::string();
        merged.metadata.parts.push_back(part_of(parts[i], o.inputs[i].string(), link));
    }
    write_reports(merged, o.output);
}

void merge(const merge_options& o) {
    if (all_with_extension(o.inputs, ".json")) {
        merge_results(o);
    } else if (all_with_extension(o.inputs, ".xml")) {
        merge_junit(o.inputs, o.output);
    } else {
        throw athil_error(errc::bad_input,
                          "give results.json files (all three reports are merged) or junit.xml "
                          "files (JUnit only), not both");
    }
}

} // namespace

void add_report_command(CLI::App& app) {
    auto* report =
        app.add_subcommand("report", "Work on finished reports (merge shards, compare runs)");
    report->require_subcommand(1);
    add_diff_subcommand(*report);

    auto options = std::make_shared<merge_options>();
    auto* merge_command = report->add_subcommand(
        "merge", "Join the reports of shards: results.json files into the three reports of one "
                 "run (a folder), or junit.xml files into one JUnit file");
    merge_command->footer(
        "Examples:\n"
        "  athil run --shard 1/2 --report-dir out/1 & athil run --shard 2/2 --report-dir out/2\n"
        "  athil report merge out/1/results.json out/2/results.json -o merged\n"
        "  athil report merge out/*/junit.xml -o merged/junit.xml\n"
        "The output folder is created. A file, or a case, given twice is refused. Sections run "
        "by several\nshards become one testsuite; counts and times are recomputed from the "
        "cases.");
    merge_command->add_option("files", options->inputs, "results.json or junit.xml files")
        ->required()
        ->check(CLI::ExistingFile);
    merge_command
        ->add_option("-o,--output", options->output,
                     "the report folder (results.json inputs) or the merged junit.xml")
        ->required();
    merge_command->callback([options] {
        try {
            merge(*options);
        } catch (const athil_error& e) {
            std::cerr << "athil report merge: " << e.what() << '\n';
            throw CLI::RuntimeError(2);
        }
        std::cout << "athil: merged " << options->inputs.size() << " files into "
                  << options->output.string() << '\n';
    });
}

} // namespace athil::report
