// Calorie-goal calculator: being written.
