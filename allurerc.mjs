// Allure 3 (`make allure-report`, or `npx allure generate reports/allure` from here): the report goes under
// reports/, and its tree reads Bereich → Funktionalität → Szenario from the labels the harness sets
// (harness/reports/allure.py: parentSuite = Bereich, suite = Funktionalität).
export default {
  name: "Kunden-App E2E",
  output: "reports/allure-report",
  plugins: {
    awesome: {
      options: {
        reportLanguage: "de",
        groupBy: ["parentSuite", "suite"],
      },
    },
  },
};
